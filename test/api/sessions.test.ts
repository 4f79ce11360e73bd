// Sessions a student can end, against a production-mode server and a second
// server process on the same database: signing out (one session, another, or
// all) refuses the token on REST, GraphQL and websockets, on every instance
// within a second, and in an instance started afterwards; an account demoted or
// deleted loses its sessions at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { logIn, newEmail, refusedWithin, signUp, tokenStatus } from "../helpers/accounts.ts";
import { startInstance, type Instance } from "../helpers/instances.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import { insertEvent } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });
let other: Instance;

beforeAll(async () => {
  other = await startInstance(t.db, { NODE_ENV: "production" });
}, 30_000);
afterAll(() => other?.stop());

const sessionsOf = async (token: string) => (await request(t.server.url, "GET", "/me/sessions", { token })).body.sessions;

describe("a session", () => {
  it("is started by signup and by each login, and listed with its device", async () => {
    const email = newEmail();
    const phone = await signUp(t.server.url, email, "Phone/1.0");
    const laptop = await logIn(t.server.url, email, "Laptop/2.0");
    const listed = await sessionsOf(laptop.token);
    expect(listed).toEqual([
      { id: expect.any(Number), created_at: expect.stringMatching(/Z$/), user_agent: "Laptop/2.0", current: true },
      { id: expect.any(Number), created_at: expect.stringMatching(/Z$/), user_agent: "Phone/1.0", current: false },
    ]);
    const gql = await graphql(t.server.url, "{ mySessions { nodes { id userAgent current } } }", {}, phone.token);
    expect(gql.body.data.mySessions.nodes).toEqual([
      { id: listed[0].id, userAgent: "Laptop/2.0", current: false },
      { id: listed[1].id, userAgent: "Phone/1.0", current: true },
    ]);
  });

  it("ends on logout: the token is refused on REST, GraphQL and websockets, on both instances", async () => {
    const { token } = await signUp(t.server.url);
    expect(await tokenStatus(other.url, token)).toBe(200);
    const loggedOut = await request(t.server.url, "POST", "/logout", { token });
    expect(loggedOut.status).toBe(204);
    const since = Date.now();

    const rest = await request(t.server.url, "GET", "/me/tickets", { token });
    expect(rest.status).toBe(401);
    expect(rest.body.error).toMatchObject({ code: "INVALID_TOKEN", message: expect.stringMatching(/ended/) });
    const gql = await graphql(t.server.url, "{ me { id } }", {}, token);
    expect(gql.status).toBe(401);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe("INVALID_TOKEN");

    expect(await refusedWithin(other.url, token, 1_000, since)).toBeLessThan(1_000);

    const event = await insertEvent(t.db);
    const client = wsClient(t.server.url, token);
    const sub = record(client, "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining } }", { id: event.id }, (d) => d);
    const closed = (await sub.ended) as { code: number; reason: string };
    expect(closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/^INVALID_TOKEN/) });
    await client.dispose();
  });

  it("closes the websockets it opened when it ends, on every instance", async () => {
    const { token } = await signUp(t.server.url);
    const event = await insertEvent(t.db);
    const subscriptions = [t.server.url, other.url].map((url) => {
      const client = wsClient(url, token);
      const sub = record(client, "subscription($id: Int!) { eventAvailability(eventId: $id) { ticketsRemaining } }", { id: event.id }, (d) => d);
      return { client, sub };
    });
    for (const { sub } of subscriptions) await sub.until((m) => m.length === 1); // live and served
    expect((await request(t.server.url, "DELETE", "/me/sessions", { token })).status).toBe(204);
    for (const { client, sub } of subscriptions) {
      expect(await sub.ended).toMatchObject({ code: 4401, reason: expect.stringMatching(/^INVALID_TOKEN: This session has ended/) });
      await client.dispose();
    }
  });

  it("can be ended from another device, which keeps its own", async () => {
    const email = newEmail();
    const lost = await signUp(t.server.url, email, "Lost phone");
    const laptop = await logIn(t.server.url, email, "Laptop");
    const phoneSession = (await sessionsOf(laptop.token)).find((s: { user_agent: string }) => s.user_agent === "Lost phone");
    const ended = await request(t.server.url, "DELETE", `/me/sessions/${phoneSession.id}`, { token: laptop.token });
    expect(ended.status).toBe(204);
    const since = Date.now();
    expect(await tokenStatus(t.server.url, lost.token)).toBe(401);
    expect(await refusedWithin(other.url, lost.token, 1_000, since)).toBeLessThan(1_000);
    expect(await tokenStatus(t.server.url, laptop.token)).toBe(200);
    expect((await sessionsOf(laptop.token)).map((s: { user_agent: string }) => s.user_agent)).toEqual(["Laptop"]);

    // Ending it again, or someone else's, is NOT_FOUND: sessions of others look like no session.
    const again = await request(t.server.url, "DELETE", `/me/sessions/${phoneSession.id}`, { token: laptop.token });
    expect(again.status).toBe(404);
    const stranger = await signUp(t.server.url);
    const theirs = (await sessionsOf(stranger.token))[0].id;
    const foreign = await request(t.server.url, "DELETE", `/me/sessions/${theirs}`, { token: laptop.token });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await tokenStatus(t.server.url, stranger.token)).toBe(200);
  });

  it("all end on 'sign out everywhere', on both instances", async () => {
    const email = newEmail();
    const tokens = [(await signUp(t.server.url, email)).token];
    for (let i = 0; i < 3; i++) tokens.push((await logIn(t.server.url, email, `Device ${i}`)).token);
    const ended = await request(t.server.url, "DELETE", "/me/sessions", { token: tokens[1] });
    expect(ended.status).toBe(204);
    const since = Date.now();
    for (const token of tokens) {
      expect(await tokenStatus(t.server.url, token)).toBe(401);
      expect(await refusedWithin(other.url, token, 1_000, since)).toBeLessThan(1_000);
    }
    // Signing in again works: only the sessions ended, not the account.
    expect(await tokenStatus(t.server.url, (await logIn(t.server.url, email)).token)).toBe(200);
  });

  it("ends through the GraphQL twins: logout, endSession, endAllSessions", async () => {
    const email = newEmail();
    const a = await signUp(t.server.url, email, "A");
    const b = await logIn(t.server.url, email, "B");
    const c = await logIn(t.server.url, email, "C");
    const ids = await graphql(t.server.url, "{ mySessions { nodes { id userAgent } } }", {}, a.token);
    const idOfB = ids.body.data.mySessions.nodes.find((s: { userAgent: string }) => s.userAgent === "B").id;

    const endB = await graphql(t.server.url, "mutation($id: Int!) { endSession(input: { id: $id }) { result } }", { id: idOfB }, a.token);
    expect(endB.body.data.endSession.result).toBe(true);
    expect(await tokenStatus(t.server.url, b.token)).toBe(401);

    const logout = await graphql(t.server.url, "mutation { logout(input: {}) { result } }", {}, c.token);
    expect(logout.body.data.logout.result).toBe(true);
    expect(await tokenStatus(t.server.url, c.token)).toBe(401);

    const d = await logIn(t.server.url, email, "D");
    const all = await graphql(t.server.url, "mutation { endAllSessions(input: {}) { result } }", {}, a.token);
    expect(all.body.data.endAllSessions.result).toBe(2); // a and d
    for (const token of [a.token, d.token]) expect(await tokenStatus(t.server.url, token)).toBe(401);
  });

  it("ended before an instance starts is refused by that instance too (loaded at start)", async () => {
    const { token } = await signUp(t.server.url);
    await request(t.server.url, "POST", "/logout", { token });
    const late = await startInstance(t.db, { NODE_ENV: "production" });
    try {
      expect(await tokenStatus(late.url, token)).toBe(401);
    } finally {
      await late.stop();
    }
  }, 30_000);
});

describe("an account an admin demotes or deletes", () => {
  it("loses every session at once", async () => {
    const admin = await signUp(t.server.url);
    await t.db.owner.query("update app_public.users set role = 'admin' where id = $1", [admin.user.id]);
    const adminToken = (await logIn(t.server.url, admin.user.email)).token;
    expect((await request(t.server.url, "GET", "/me/sessions", { token: adminToken })).status).toBe(200);

    await t.db.owner.query("update app_public.users set role = 'student' where id = $1", [admin.user.id]); // demoted
    const since = Date.now();
    expect(await refusedWithin(t.server.url, adminToken, 1_000, since)).toBeLessThan(1_000);
    expect(await refusedWithin(other.url, adminToken, 1_000, since)).toBeLessThan(1_000);

    const gone = await signUp(t.server.url);
    await t.db.owner.query("delete from app_public.users where id = $1", [gone.user.id]);
    expect(await refusedWithin(other.url, gone.token, 1_000)).toBeLessThan(1_000);
    const late = await startInstance(t.db, { NODE_ENV: "production" });
    try {
      expect(await tokenStatus(late.url, gone.token)).toBe(401); // the ended row outlives the account
    } finally {
      await late.stop();
    }
  }, 30_000);
});
