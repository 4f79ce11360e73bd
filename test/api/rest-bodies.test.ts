// Bodies a client can get wrong in ways a JSON parser never sees: a
// Content-Encoding that does not match the bytes, field names that are
// JavaScript's own (__proto__, constructor). Each is the client's 4xx, in the
// envelope, with the field as a string.
import { describe, expect, it } from "vitest";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

const post = async (body: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${t.server.url}/signup`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; field?: unknown } } };
};

describe("request bodies", () => {
  it.each(["gzip", "deflate"])("a body that is not really %s is the client's 400, not our 500", async (encoding) => {
    const answer = await post("{}", { "content-encoding": encoding });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("INVALID_INPUT");
  });

  it("an unknown Content-Encoding is 415 and says so", async () => {
    const answer = await post("{}", { "content-encoding": "foo" });
    expect(answer.status).toBe(415);
    expect(answer.body.error.message).toMatch(/Content-Encoding/);
  });

  it.each(["__proto__", "constructor", "toString"])("an unknown field called %s is named as a string", async (name) => {
    const answer = await post(`{"${name}":1,"name":"Ada","email":"ada-${name}@example.edu","password":"correct horse"}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", field: name });
  });
});

describe("routes that take no body", () => {
  it("refuse one instead of ignoring it, and do nothing", async () => {
    const event = await insertEvent(t.db);
    const token = tokenFor(await insertUser(t.db));
    for (const body of [{ quantity: 3 }, "x"]) {
      const answer = await request(t.server.url, "POST", `/events/${event.id}/book`, {
        token,
        body,
        headers: typeof body === "string" ? { "content-type": "text/plain" } : {},
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/takes no request body/) });
    }
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1", [event.id]);
    expect(rows[0].n).toBe(0);
    expect((await request(t.server.url, "POST", `/events/${event.id}/book`, { token })).status).toBe(201);
  });
});
