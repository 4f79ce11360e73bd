// Sessions in SQL, as each role: who may start, list and end them, that ending
// one is announced to every instance (pg_notify), and that demoting or deleting
// an account ends its sessions.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** A session started as the user, the way the server starts one after a sign-in. */
async function startSession(user: Claims, userAgent = "test"): Promise<Claims> {
  const { rows } = await db.as(user, (c) => c.query("select session_id from app_hidden.start_session($1, 3600)", [userAgent]));
  return { ...user, session_id: rows[0].session_id };
}
const live = async (user: Claims) =>
  (await db.owner.query("select id from app_private.sessions where user_id = $1 and ended_at is null order by id", [user.user_id])).rows.map(
    (r) => r.id,
  );

describe("starting a session", () => {
  it("is for a signed-in user only, and only as themselves", async () => {
    expect(await sqlFailure(db.as(null, (c) => c.query("select * from app_hidden.start_session('x', 60)")))).toMatchObject({ code: "42501" });
    const student = await startSession(await insertUser(db));
    expect(await live(student)).toEqual([student.session_id]);
  });

  it("ends the oldest live sessions beyond max_sessions_per_user", async () => {
    await db.owner.query("update app_private.auth_settings set max_sessions_per_user = 2");
    try {
      const user = await insertUser(db);
      const [a, b, c] = [await startSession(user), await startSession(user), await startSession(user)];
      expect(await live(user)).toEqual([b.session_id, c.session_id]);
      expect(a.session_id).toBeLessThan(b.session_id);
    } finally {
      await db.owner.query("update app_private.auth_settings set max_sessions_per_user = 50");
    }
  });
});

describe("sessions are private", () => {
  it("no request role reads the sessions table or the ended list", async () => {
    const student = await insertUser(db);
    for (const who of [null, student, await insertUser(db, "admin")]) {
      expect(await sqlFailure(db.as(who, (c) => c.query("select * from app_private.sessions")))).toMatchObject({ code: "42501" });
      expect(await sqlFailure(db.as(who, (c) => c.query("select * from app_hidden.ended_sessions()")))).toMatchObject({ code: "42501" });
    }
  });

  it("a student lists only their own live sessions, the asking one marked current", async () => {
    const me = await insertUser(db);
    const [a, b] = [await startSession(me, "A"), await startSession(me, "B")];
    await startSession(await insertUser(db), "someone else");
    const rows = (await db.as(b, (c) => c.query("select id, user_agent, current from app_public.my_sessions()"))).rows;
    expect(rows).toEqual([
      { id: b.session_id, user_agent: "B", current: true },
      { id: a.session_id, user_agent: "A", current: false },
    ]);
  });

  it("a student ends only their own sessions; another's is NOT_FOUND and stays", async () => {
    const me = await startSession(await insertUser(db));
    const them = await startSession(await insertUser(db));
    expect(await sqlFailure(db.as(me, (c) => c.query("select app_public.end_session($1)", [them.session_id])))).toMatchObject({
      code: "TK404",
      detail: "NOT_FOUND",
    });
    expect(await live(them)).toEqual([them.session_id]);
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_public.logout()")))).toMatchObject({ code: "42501" });
  });
});

describe("ending sessions", () => {
  let listener: pg.Client;
  const heard: { id: number; expires_at: number }[] = [];
  beforeAll(async () => {
    listener = new pg.Client({ connectionString: db.ownerUrl });
    await listener.connect();
    listener.on("notification", (n) => heard.push(JSON.parse(n.payload!)));
    await listener.query("listen ticketing_sessions_ended");
  });
  afterAll(() => listener?.end());

  /** Resolves when the notification for `id` has arrived (no sleeping). */
  const announced = (id: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no notification for session ${id}`)), 5_000);
      const check = () => (heard.some((h) => h.id === id) ? (clearTimeout(timer), resolve()) : setTimeout(check, 5));
      check();
    });

  it("logout ends the asking session and announces it with its expiry", async () => {
    const me = await insertUser(db);
    const [a, b] = [await startSession(me), await startSession(me)];
    const { rows } = await db.as(a, (c) => c.query("select app_public.logout() as ended"));
    expect(rows[0].ended).toBe(true);
    await announced(a.session_id);
    expect(await live(me)).toEqual([b.session_id]);
    const { rows: ended } = await db.owner.query("select id, floor(extract(epoch from expires_at))::float8 as expires_at from app_hidden.ended_sessions() where id = $1", [a.session_id]);
    expect(heard.find((h) => h.id === a.session_id)).toEqual(ended[0]);
  });

  it("end_all_sessions ends every session of the caller, and nobody else's", async () => {
    const me = await insertUser(db);
    const mine = [await startSession(me), await startSession(me)];
    const them = await startSession(await insertUser(db));
    const { rows } = await db.as(mine[0]!, (c) => c.query("select app_public.end_all_sessions() as n"));
    expect(rows[0].n).toBe(2);
    for (const s of mine) await announced(s.session_id);
    expect(await live(me)).toEqual([]);
    expect(await live(them)).toEqual([them.session_id]);
  });

  it("demoting an account ends its sessions; so does deleting it, and the ended rows outlive it", async () => {
    const admin = await startSession(await insertUser(db, "admin"));
    await db.owner.query("update app_public.users set role = 'student' where id = $1", [admin.user_id]);
    await announced(admin.session_id);

    const student = await startSession(await insertUser(db));
    await db.owner.query("delete from app_public.users where id = $1", [student.user_id]);
    await announced(student.session_id);
    const { rows } = await db.owner.query("select id from app_hidden.ended_sessions() where id = $1", [student.session_id]);
    expect(rows).toHaveLength(1);
  });

  it("the server's own role (the authenticator) reads the ended list", async () => {
    const authenticator = new pg.Client({ connectionString: db.authUrl });
    await authenticator.connect();
    try {
      const { rows } = await authenticator.query("select count(*)::int as n from app_hidden.ended_sessions()");
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await authenticator.end();
    }
  });
});
