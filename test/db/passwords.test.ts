// Password reset and change in SQL, as each role: a reset request is counted
// without looking the account up; only the server's own role mails the link;
// the link works once, for an hour, and ends every session; a change needs the
// current password (failures recorded like sign-ins) and ends every session.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
let server: pg.Client; // the server's own role, as it connects (ticketing_authenticator)
beforeAll(async () => {
  db = await createTestDatabase();
  server = new pg.Client({ connectionString: db.authUrl });
  await server.connect();
});
afterAll(async () => {
  await server?.end();
  await db?.drop();
});

let n = 0;
/** A student with a password and a live session. */
async function student(): Promise<Claims & { email: string }> {
  const email = `reset-${process.pid}-${n++}@example.edu`;
  const { rows } = await db.as(null, (c) => c.query("select id from app_public.signup('Sam', $1, 'old password 1')", [email]));
  const claims = { user_id: rows[0].id as number, role: "student" as const, session_id: 0 };
  const session = await db.as(claims, (c) => c.query("select session_id from app_hidden.start_session('test', 3600)"));
  return { ...claims, session_id: session.rows[0].session_id, email };
}
const liveSessions = async (userId: number) =>
  (await db.owner.query("select count(*)::int as n from app_private.sessions where user_id = $1 and ended_at is null", [userId])).rows[0].n;
const signIn = (email: string, password: string) =>
  db.as(null, async (c) => (await c.query("select user_id from app_hidden.authenticate($1, $2)", [email, password])).rows[0].user_id);
async function mailedResetToken(userId: number): Promise<string> {
  const { rows } = await db.owner.query("select body from app_private.outbox where user_id = $1 and kind = 'password_reset' order by id desc limit 1", [userId]);
  return rows[0].body.match(/\/reset-password\?token=([0-9a-f]{64})/)[1];
}
const reset = (token: string, password: string) => db.as(null, (c) => c.query("select app_public.reset_password($1, $2)", [token, password]));

describe("asking for a reset", () => {
  it("anyone may be counted; only the server's own role mails the link, and only to an account", async () => {
    const s = await student();
    await db.as(null, (c) => c.query("select app_hidden.count_password_reset_request($1)", [s.email]));
    for (const who of [null, s]) {
      expect(await sqlFailure(db.as(who, (c) => c.query("select app_hidden.send_password_reset($1)", [s.email])))).toMatchObject({ code: "42501" });
    }
    const before = (await db.owner.query("select count(*)::int as n from app_private.outbox where kind = 'password_reset'")).rows[0].n;
    await server.query("select app_hidden.send_password_reset($1)", ["nobody-here@example.edu"]);
    expect((await db.owner.query("select count(*)::int as n from app_private.outbox where kind = 'password_reset'")).rows[0].n).toBe(before);
    await server.query("select app_hidden.send_password_reset($1)", [` ${s.email.toUpperCase()} `]);
    const token = await mailedResetToken(s.user_id);
    const { rows } = await db.owner.query("select extract(epoch from expires_at - created_at)::int as lifetime from app_private.password_resets where token_hash = digest($1, 'sha256')", [token]);
    expect(rows).toEqual([{ lifetime: 3600 }]);
  });

  it("is throttled per email whether or not an account uses it: the 6th in an hour is 429", async () => {
    for (const email of [(await student()).email, `nobody-${n++}@example.edu`]) {
      for (let i = 0; i < 5; i++) await db.as(null, (c) => c.query("select app_hidden.count_password_reset_request($1)", [email]));
      expect(await sqlFailure(db.as(null, (c) => c.query("select app_hidden.count_password_reset_request($1)", [email])))).toMatchObject({
        code: "TK429",
        detail: "TOO_MANY_ATTEMPTS",
      });
    }
  });
});

describe("resetting with the link", () => {
  it("sets the password, verifies the email, ends every session, and works once", async () => {
    const s = await student();
    await server.query("select app_hidden.send_password_reset($1)", [s.email]);
    const token = await mailedResetToken(s.user_id);
    expect(await sqlFailure(reset(token, "short"))).toMatchObject({ code: "TK400", detail: "INVALID_INPUT" }); // the token is not used up
    await reset(token, "new password 2");
    expect(await liveSessions(s.user_id)).toBe(0);
    expect(await signIn(s.email, "new password 2")).toBe(s.user_id);
    expect(await signIn(s.email, "old password 1")).toBeNull();
    expect((await db.owner.query("select email_verified from app_public.users where id = $1", [s.user_id])).rows[0].email_verified).toBe(true);
    expect(await sqlFailure(reset(token, "another password 3"))).toMatchObject({ code: "TK400", detail: "INVALID_TOKEN" });
  });

  it("refuses an expired or made-up token, and of three uses at once exactly one wins", async () => {
    const s = await student();
    await server.query("select app_hidden.send_password_reset($1)", [s.email]);
    const expired = await mailedResetToken(s.user_id);
    await db.owner.query("update app_private.password_resets set expires_at = now() - interval '1 second' where user_id = $1", [s.user_id]);
    expect(await sqlFailure(reset(expired, "new password 2"))).toMatchObject({ detail: "INVALID_TOKEN" });
    expect(await sqlFailure(reset("0".repeat(64), "new password 2"))).toMatchObject({ detail: "INVALID_TOKEN" });

    await server.query("select app_hidden.send_password_reset($1)", [s.email]);
    const token = await mailedResetToken(s.user_id);
    const outcomes = await Promise.all(["first pass 1", "second pass 2", "third pass 3"].map((p) => sqlFailure(reset(token, p))));
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
    expect(outcomes.filter((o) => o?.detail === "INVALID_TOKEN")).toHaveLength(2);
  });

  it("no request role reads the reset tokens", async () => {
    for (const who of [null, await insertUser(db), await insertUser(db, "admin")]) {
      expect(await sqlFailure(db.as(who, (c) => c.query("select * from app_private.password_resets")))).toMatchObject({ code: "42501" });
    }
  });
});

describe("changing the password", () => {
  const change = (s: Claims, current: string, next: string) =>
    db.as(s, async (c) => (await c.query("select app_hidden.change_password($1, $2) as changed", [current, next])).rows[0].changed);

  it("needs the current one: a wrong one is recorded like a failed sign-in and changes nothing", async () => {
    const s = await student();
    expect(await change(s, "wrong password", "new password 2")).toBe(false);
    const { rows } = await db.owner.query("select hits from app_private.throttle_counters where rule = 'sign_in_failures_per_email_any_address' and subject = $1", [s.email]);
    expect(rows[0].hits).toBe(1);
    expect(await signIn(s.email, "old password 1")).toBe(s.user_id);
    expect(await liveSessions(s.user_id)).toBe(1);
  });

  it("ends every session; the new password works; a bad new one is INVALID_INPUT naming new_password", async () => {
    const s = await student();
    expect(await sqlFailure(change(s, "old password 1", "short"))).toMatchObject({ code: "TK400", detail: "INVALID_INPUT" });
    expect(await change(s, "old password 1", "new password 2")).toBe(true);
    expect(await liveSessions(s.user_id)).toBe(0);
    expect(await signIn(s.email, "new password 2")).toBe(s.user_id);
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_hidden.change_password('a', 'b')")))).toMatchObject({ code: "42501" });
  });
});
