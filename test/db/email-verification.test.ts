// Verified student emails in SQL, as each role: the domain allow-list, the
// mailed link (a token stored only as its hash, single-use, expiring), and the
// rule that an unverified student may not book, queue or accept an offer where
// the college requires verification.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const settings = (changes: Partial<Parameters<typeof applyAuthSettings>[1]> = {}) =>
  applyAuthSettings(db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: [],
    REQUIRE_EMAIL_VERIFICATION: false,
    PUBLIC_URL: "https://tickets.college.edu",
    ...changes,
  });

let n = 0;
const signup = (email: string) =>
  db.as(null, (c) => c.query("select id, role, email_verified from app_public.signup('Sam', $1, 'correct horse battery')", [email]));

/** The verification links mailed to a user (outbox), newest last, and their tokens. */
async function mailedTokens(userId: number): Promise<string[]> {
  const { rows } = await db.owner.query("select body from app_private.outbox where user_id = $1 and kind = 'verify_email' order by id", [userId]);
  return rows.map((r) => r.body.match(/https:\/\/tickets\.college\.edu\/verify-email\?token=([0-9a-f]{64})/)[1]);
}
const startSession = (user: Claims) => db.as(user, (c) => c.query("select session_id from app_hidden.start_session('test', 3600)"));
const verify = (token: string) => db.as(null, (c) => c.query("select id, email_verified from app_public.verify_email($1)", [token]));

describe("the domain allow-list", () => {
  afterAll(() => settings());

  it("lets students sign up only at the allowed domains, exactly or as subdomains", async () => {
    await settings({ ALLOWED_EMAIL_DOMAINS: ["college.edu", "*.uni.edu"] });
    for (const email of [`a${n++}@college.edu`, `b${n++}@COLLEGE.edu`, `c${n++}@cs.uni.edu`, `d${n++}@a.b.uni.edu`]) {
      expect((await signup(email)).rows[0], email).toMatchObject({ role: "student", email_verified: false });
    }
    for (const email of [`e${n++}@cs.college.edu`, `f${n++}@uni.edu`, `g${n++}@evilcollege.edu`, `h${n++}@college.edu.evil.com`, `i${n++}@gmail.com`]) {
      expect(await sqlFailure(signup(email)), email).toMatchObject({ code: "TK400", detail: "EMAIL_DOMAIN_NOT_ALLOWED" });
    }
    const { rows } = await db.owner.query("select count(*)::int as n from app_public.users where email like '%evil%' or email like '%gmail%'");
    expect(rows[0].n).toBe(0);
  });

  it("does not apply to admins, whom operators create, verified", async () => {
    await settings({ ALLOWED_EMAIL_DOMAINS: ["college.edu"] });
    const { rows } = await db.owner.query("select role, email_verified from app_private.create_admin('Ada', $1, 'a long admin secret')", [`ada${n++}@staff.example.org`]);
    expect(rows[0]).toEqual({ role: "admin", email_verified: true });
  });
});

describe("the verification link", () => {
  it("is mailed when an unverified student first signs in, once while it works, stored only as a hash", async () => {
    const [student] = await insertUsers(db, 1);
    await startSession(student!);
    await startSession(student!);
    const tokens = await mailedTokens(student!.user_id);
    expect(tokens).toHaveLength(1);
    const stored = await db.owner.query("select token_hash, extract(epoch from expires_at - created_at)::int as lifetime from app_private.email_verifications where user_id = $1", [student!.user_id]);
    expect(stored.rows).toEqual([{ token_hash: createHash("sha256").update(tokens[0]!).digest(), lifetime: 24 * 3600 }]);
    const anywhere = await db.owner.query("select count(*)::int as n from app_private.email_verifications v where v::text like '%' || $1 || '%'", [tokens[0]]);
    expect(anywhere.rows[0].n).toBe(0);
  });

  it("verifies the address once; a used, expired or made-up token is INVALID_TOKEN", async () => {
    const [student, other] = await insertUsers(db, 2);
    await startSession(student!);
    const [token] = await mailedTokens(student!.user_id);
    expect(await sqlFailure(verify("0".repeat(64)))).toMatchObject({ code: "TK400", detail: "INVALID_TOKEN" });
    expect((await verify(token!)).rows[0]).toEqual({ id: student!.user_id, email_verified: true });
    expect(await sqlFailure(verify(token!))).toMatchObject({ code: "TK400", detail: "INVALID_TOKEN" });

    await startSession(other!);
    const [late] = await mailedTokens(other!.user_id);
    await db.owner.query("update app_private.email_verifications set expires_at = now() - interval '1 second' where user_id = $1", [other!.user_id]);
    expect(await sqlFailure(verify(late!))).toMatchObject({ code: "TK400", detail: "INVALID_TOKEN" });
    const { rows } = await db.owner.query("select email_verified from app_public.users where id = $1", [other!.user_id]);
    expect(rows[0].email_verified).toBe(false);
  });

  it("two uses at once: exactly one verifies", async () => {
    const student = await insertUser(db);
    await startSession(student);
    const [token] = await mailedTokens(student.user_id);
    const outcomes = await Promise.all([verify(token!), verify(token!), verify(token!)].map((p) => sqlFailure(p)));
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
    expect(outcomes.filter((o) => o?.detail === "INVALID_TOKEN")).toHaveLength(2);
  });

  it("is asked for again by its owner, at most 5 times an hour; never once verified", async () => {
    const student = await insertUser(db);
    const resend = () => db.as(student, (c) => c.query("select app_public.resend_verification_email() as sent"));
    for (let i = 0; i < 5; i++) expect((await resend()).rows[0].sent).toBe(true);
    expect(await sqlFailure(resend())).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
    expect(await mailedTokens(student.user_id)).toHaveLength(5);
    await verify((await mailedTokens(student.user_id))[0]!);
    expect(await sqlFailure(db.as(null, (c) => c.query("select app_public.resend_verification_email()")))).toMatchObject({ code: "42501" });
  });

  it("no request role reads the links, and a sent message keeps no copy of one", async () => {
    for (const who of [null, await insertUser(db), await insertUser(db, "admin")]) {
      expect(await sqlFailure(db.as(who, (c) => c.query("select * from app_private.email_verifications")))).toMatchObject({ code: "42501" });
    }
    const student = await insertUser(db);
    await startSession(student);
    await db.owner.query("update app_private.outbox set sent_at = now() where user_id = $1", [student.user_id]);
    const { rows } = await db.owner.query("select body from app_private.outbox where user_id = $1", [student.user_id]);
    expect(rows[0].body).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe("where verification is required", () => {
  beforeAll(() => settings({ REQUIRE_EMAIL_VERIFICATION: true }));
  afterAll(() => settings());

  const bookAs = (student: Claims, eventId: number) =>
    db.as(student, (c) => c.query("select id from app_hidden.book_ticket($1)", [eventId]));

  it("an unverified student cannot book; verified, they can, in the next transaction", async () => {
    const student = await insertUser(db);
    const event = await insertEvent(db);
    expect(await sqlFailure(bookAs(student, event.id))).toMatchObject({ code: "TK403", detail: "EMAIL_NOT_VERIFIED" });
    await startSession(student);
    await verify((await mailedTokens(student.user_id))[0]!);
    expect((await bookAs(student, event.id)).rows).toHaveLength(1);
  });

  it("in a batch, only the unverified request fails; a sold-out event says SOLD_OUT first, as the fast path does", async () => {
    const [verified, unverified] = await insertUsers(db, 2);
    await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [verified!.user_id]);
    const event = await insertEvent(db, { total_tickets: 1 });
    const batch = JSON.stringify([verified, unverified].map((s) => ({ user_id: s!.user_id, role: "student" })));
    const { rows } = await db.withSettings({ role: "ticketing_booker" }, (c) =>
      c.query("select app_hidden.book_tickets($1, $2, '[null, null]') as r", [event.id, batch]),
    );
    expect(rows[0].r.results.map((x: any) => x.error?.code ?? "booked")).toEqual(["booked", "SOLD_OUT"]);
    const other = await insertEvent(db, { total_tickets: 5 });
    const { rows: again } = await db.withSettings({ role: "ticketing_booker" }, (c) =>
      c.query("select app_hidden.book_tickets($1, $2, '[null, null]') as r", [other.id, batch]),
    );
    expect(again[0].r.results.map((x: any) => x.error?.code ?? "booked")).toEqual(["booked", "EMAIL_NOT_VERIFIED"]);
  });

  it("an unverified student cannot join a waitlist or accept an offer", async () => {
    const [holder, waiting] = await insertUsers(db, 2);
    await db.owner.query("update app_public.users set email_verified_at = now() where id = any($1)", [[holder!.user_id, waiting!.user_id]]);
    const event = await insertEvent(db, { total_tickets: 1 });
    const ticket = (await bookAs(holder!, event.id)).rows[0].id;
    const entry = (await db.as(waiting!, (c) => c.query("select id from app_public.join_waitlist($1)", [event.id]))).rows[0].id;
    await db.as(holder!, (c) => c.query("select app_public.cancel_ticket($1)", [ticket])); // the seat is offered to `waiting`
    const late = await insertUser(db);
    expect(await sqlFailure(db.as(late, (c) => c.query("select app_public.join_waitlist($1)", [event.id])))).toMatchObject({
      code: "TK403",
      detail: "EMAIL_NOT_VERIFIED",
    });
    // As if `waiting` had never verified: the offer cannot be taken until they do.
    await db.owner.query("update app_public.users set email_verified_at = null where id = $1", [waiting!.user_id]);
    expect(await sqlFailure(db.as(waiting!, (c) => c.query("select app_public.accept_waitlist_offer($1)", [entry])))).toMatchObject({
      code: "TK403",
      detail: "EMAIL_NOT_VERIFIED",
    });
    await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [waiting!.user_id]);
    expect((await db.as(waiting!, (c) => c.query("select status from app_public.accept_waitlist_offer($1)", [entry]))).rows[0].status).toBe("confirmed");
  });

  it("not required: unverified students book", async () => {
    await settings({ REQUIRE_EMAIL_VERIFICATION: false });
    try {
      expect((await bookAs(await insertUser(db), (await insertEvent(db)).id)).rows).toHaveLength(1);
    } finally {
      await settings({ REQUIRE_EMAIL_VERIFICATION: true });
    }
  });
});
