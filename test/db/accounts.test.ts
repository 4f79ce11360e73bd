// Accounts as the database decides them, called as the anonymous role with the
// client address the server passes: the per-email limit across addresses slows
// the guesser and never refuses a right password; every signup attempt counts;
// look-alike emails are refused; passwords are measured in characters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

let counter = 0;
const newEmail = () => `accounts-${process.pid}-${counter++}@example.edu`;
const newAddress = () => `203.0.113.${++counter % 250}`;

/** SQL as the anonymous role from one client address, in a transaction of its own. */
const from = <T>(address: string, work: (c: pg.PoolClient) => Promise<T>) =>
  db.withSettings({ role: "ticketing_anonymous", "ticketing.client_address": address }, work);
const signIn = (email: string, password: string, address: string) =>
  from(address, async (c) => (await c.query("select user_id from app_hidden.authenticate($1, $2)", [email, password])).rows[0].user_id as number | null);

async function account(password = "correct horse") {
  const email = newEmail();
  const { rows } = await db.owner.query("select id from app_private.create_user('Vic', $1, $2, 'student')", [email, password]);
  return { email, id: rows[0].id as number };
}

/** The email's failures from all addresses fill their window (as 100 wrong guesses from elsewhere would). */
const crowd = (email: string) =>
  db.owner.query(
    `insert into app_private.throttle_counters (rule, subject, window_started_at, hits)
     select 'sign_in_failures_per_email_any_address', $1, now(), max_hits from app_private.throttle_rules
     where rule = 'sign_in_failures_per_email_any_address'
     on conflict (rule, subject, shard) do update set window_started_at = excluded.window_started_at, hits = excluded.hits`,
    [email],
  );

describe("sign-in once an email's failures from all addresses fill their window", () => {
  it("lets the right password in from any address that did not guess wrong", async () => {
    const victim = await account();
    await crowd(victim.email);
    expect(await signIn(victim.email, "correct horse", newAddress())).toBe(victim.id);
    expect(await signIn(victim.email, "correct horse", newAddress())).toBe(victim.id);
  });

  it("hears an address that guessed wrong no more, not even with the right password", async () => {
    const victim = await account();
    const guesser = newAddress();
    expect(await signIn(victim.email, "guess 1", guesser)).toBeNull();
    await crowd(victim.email);
    expect(await sqlFailure(signIn(victim.email, "correct horse", guesser))).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
  });

  it("gives a fresh address exactly one guess, even when it sends many at once", async () => {
    const victim = await account();
    await crowd(victim.email);
    const fresh = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => signIn(victim.email, "guess", fresh).then((id) => ({ id }), (error) => ({ error }))),
    );
    expect(answers.filter((a) => "id" in a && a.id === null)).toHaveLength(1);
    const refused = answers.filter((a) => "error" in a);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect((r as { error: { code: string } }).error.code).toBe("TK429");
    // Its one guess is used: the right password is not heard from there either.
    expect(await sqlFailure(signIn(victim.email, "correct horse", fresh))).toMatchObject({ code: "TK429" });
  });

  it("still counts failures toward the window before it fills, and never refuses a right password because of it", async () => {
    const victim = await account();
    await db.owner.query("update app_private.throttle_rules set max_hits = 2 where rule = 'sign_in_failures_per_email_any_address'");
    try {
      expect(await signIn(victim.email, "guess", newAddress())).toBeNull();
      expect(await signIn(victim.email, "guess", newAddress())).toBeNull();
      const { rows } = await db.owner.query("select app_private.throttled_until('sign_in_failures_per_email_any_address', $1) as until", [victim.email]);
      expect(rows[0].until).toBeInstanceOf(Date);
      expect(await signIn(victim.email, "correct horse", newAddress())).toBe(victim.id);
    } finally {
      await db.owner.query("update app_private.throttle_rules set max_hits = 100 where rule = 'sign_in_failures_per_email_any_address'");
    }
  });
});

describe("signup attempts", () => {
  const attempt = (address: string, name: string, email: string, password: string) =>
    from(address, (c) => c.query("select app_hidden.count_signup_attempt()")).then(() =>
      from(address, (c) => c.query("select id from app_public.signup($1, $2, $3)", [name, email, password])),
    );

  it("count refused ones too, and past the limit the count itself refuses", async () => {
    await db.owner.query("update app_private.throttle_rules set max_hits = 3 where rule = 'signups_per_address'");
    try {
      const taken = (await account()).email;
      const address = newAddress();
      expect(await sqlFailure(attempt(address, "Eve", taken, "correct horse"))).toMatchObject({ detail: "EMAIL_TAKEN" });
      expect(await sqlFailure(attempt(address, "Eve", "not an email", "correct horse"))).toMatchObject({ detail: "INVALID_INPUT" });
      expect(await sqlFailure(attempt(address, "Eve", newEmail(), "correct horse"))).toBeUndefined();
      expect(await sqlFailure(attempt(address, "Eve", taken, "correct horse"))).toMatchObject({ code: "TK429", detail: "TOO_MANY_ATTEMPTS" });
      expect(await sqlFailure(attempt(newAddress(), "Eve", newEmail(), "correct horse"))).toBeUndefined();
    } finally {
      await db.owner.query("update app_private.throttle_rules set max_hits = 300 where rule = 'signups_per_address'");
    }
  });
});

describe("emails and passwords", () => {
  const signup = (email: string, password = "correct horse") =>
    from(newAddress(), (c) => c.query("select email from app_public.signup('Eve', $1, $2)", [email, password]));
  const refused = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: { detail?: string; hint?: string }) => ({ code: error.detail, field: error.hint }),
    );

  it.each([
    ["a trailing dot", "x@example.edu."],
    ["an empty label", "x@example..edu"],
    ["a zero-width space", "x\u200b@example.edu"],
    ["a zero-width joiner in the domain", "x@exa\u200dmple.edu"],
    ["a word joiner at the end", "x@example.edu\u2060"],
    ["a right-to-left mark", "x\u200f@example.edu"],
    ["a no-break space", "x\u00a0y@example.edu"],
    ["a soft hyphen", "x\u00ady@example.edu"],
    ["a byte order mark", "\ufeffx@example.edu"],
    ["a tag character", "x\u{e0041}@example.edu"],
    ["a control character", "x\u0007@example.edu"],
  ])("refuses an email with %s (INVALID_INPUT, email)", async (_, email) => {
    expect(await refused(signup(email))).toEqual({ code: "INVALID_INPUT", field: "email" });
    const { rows } = await db.owner.query("select count(*)::int as n from app_public.users where email = $1", [email]);
    expect(rows[0].n).toBe(0);
  });

  it("takes an ordinary or international address, and keeps the users table to the same rule", async () => {
    expect((await signup(`plain-${counter++}@example.edu`)).rows).toHaveLength(1);
    expect((await signup(`jürgen-${counter++}@universität.example`)).rows).toHaveLength(1);
    const direct = await db.owner.query("insert into app_public.users (name, email) values ('Eve', 'eve@example.edu.')").then(
      () => undefined,
      (error) => error,
    );
    expect(direct).toMatchObject({ code: "23514", constraint: "users_email_unambiguous" });
  });

  it("counts the password in characters, as the message says", async () => {
    // 40 characters, 80 bytes: refused before, when bytes were counted.
    expect((await signup(newEmail(), "é".repeat(40))).rows).toHaveLength(1);
    expect((await signup(newEmail(), "é".repeat(72))).rows).toHaveLength(1);
    expect(await refused(signup(newEmail(), "é".repeat(73)))).toEqual({ code: "INVALID_INPUT", field: "password" });
    expect(await refused(signup(newEmail(), "ééééééé"))).toEqual({ code: "INVALID_INPUT", field: "password" });
    const email = newEmail();
    await signup(email, "pässwörd");
    expect(await signIn(email, "pässwörd", newAddress())).toEqual(expect.any(Number));
  });
});
