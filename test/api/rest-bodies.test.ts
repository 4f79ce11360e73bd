// Bodies a client can get wrong in ways a JSON parser never sees: a
// Content-Encoding that does not match the bytes, field names that are
// JavaScript's own (__proto__, constructor). Each is the client's 4xx, in the
// envelope, with the field as a string.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/app.ts";

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
