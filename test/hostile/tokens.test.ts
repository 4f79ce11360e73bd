// A token that never expires, against a production-mode server: correctly
// signed (as with a leaked secret, or by a tool that forgot `exp`), it would
// stay valid for ever. It is refused like any other bad token: 401
// INVALID_TOKEN over REST and GraphQL, close code 4401 at connection_init.
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertUser, testJwt } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

const NO_EXPIRY = /no expiry time/;

/** Signed with the server's own secret and audience, with no `exp`. */
async function tokenWithoutExpiry(role: "student" | "admin") {
  const user = await insertUser(t.db, role);
  return jwt.sign({ user_id: user.user_id, role }, testJwt.secret, { algorithm: "HS256", audience: "ticketing" });
}

describe("a token without an expiry time", () => {
  it("is refused with 401 INVALID_TOKEN over REST and GraphQL, saying why", async () => {
    const token = await tokenWithoutExpiry("admin");
    expect(jwt.decode(token)).not.toHaveProperty("exp");

    const rest = await request(t.server.url, "GET", "/me/tickets", { token });
    expect(rest.status).toBe(401);
    expect(rest.body.error).toMatchObject({ code: "INVALID_TOKEN", message: expect.stringMatching(NO_EXPIRY) });
    // An admin's write is refused before anything runs.
    const name = `Never expires ${process.pid}`;
    const body = { name, venue: "Hall", datetime: new Date(Date.now() + 86_400_000).toISOString(), total_tickets: 10 };
    expect((await request(t.server.url, "POST", "/events", { token, body })).status).toBe(401);
    expect((await t.db.owner.query("select 1 from app_public.events where name = $1", [name])).rowCount).toBe(0);

    const gql = await graphql(t.server.url, "{ me { id } }", {}, token);
    expect(gql.status).toBe(401);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe("INVALID_TOKEN");
    expect(gql.body.errors?.[0]?.message).toMatch(NO_EXPIRY);
    expect(gql.body.data).toBeUndefined();
  });

  it("closes a websocket at connection_init with 4401, before any acknowledgement", async () => {
    const token = await tokenWithoutExpiry("student");
    const socket = new WebSocket(`${t.server.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const messages: { type: string }[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    const { code, reason } = await closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/^INVALID_TOKEN: .*no expiry time/);
    expect(messages.filter((m) => m.type === "connection_ack")).toEqual([]);
  });
});
