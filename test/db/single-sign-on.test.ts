// Single sign-on in SQL (app_hidden.sign_in_with_identity_provider): which
// account the identity provider's verified answer signs in. Only the server's
// own role may ask; the provider must vouch for the address and the address must
// be the college's, on every visit; an identity stays linked by issuer and
// subject when its address changes; an existing account with the address is
// linked, and one whose address was never verified is taken over by the
// address's owner (its password and sessions end).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await applyAuthSettings(db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: ["college.edu", "*.college.edu"],
    REQUIRE_EMAIL_VERIFICATION: true,
    PUBLIC_URL: "https://tickets.college.edu",
  });
});
afterAll(() => db?.drop());

const ISSUER = "https://login.college.edu";
let n = 0;
const unique = (what: string) => `${what}-${process.pid}-${n++}`;

interface Said {
  subject?: string;
  email: string;
  email_verified?: boolean | null;
  name?: string | null;
  issuer?: string;
}
const SIGN_IN_SQL = "select user_id, role from app_hidden.sign_in_with_identity_provider($1, $2, $3, $4, $5)";
const params = (said: Said) => [said.issuer ?? ISSUER, said.subject ?? unique("sub"), said.email, "email_verified" in said ? said.email_verified : true, "name" in said ? said.name : "Sam Student"];

/** As the server does it: its own role (the authenticator), no request role. */
const asServer = (said: Said) =>
  db.withSettings({}, async (c) => (await c.query<{ user_id: number; role: string }>(SIGN_IN_SQL, params(said))).rows[0]!);

const user = async (id: number) =>
  (await db.owner.query("select id, name, email::text, role, email_verified, deleted_at from app_public.users where id = $1", [id])).rows[0];
const usersWith = async (email: string) =>
  (await db.owner.query<{ n: number }>("select count(*)::int as n from app_public.users where email = $1::citext", [email])).rows[0]!.n;

async function passwordSignup(email: string) {
  const { rows } = await db.as(null, (c) => c.query("select id from app_public.signup('Pat', $1, 'correct horse battery')", [email]));
  return rows[0].id as number;
}
async function liveSessions(userId: number) {
  const { rows } = await db.owner.query<{ n: number }>(
    "select count(*)::int as n from app_private.sessions where user_id = $1 and ended_at is null",
    [userId],
  );
  return rows[0]!.n;
}
async function startSession(userId: number) {
  await db.as({ user_id: userId, role: "student", session_id: 0 }, (c) => c.query("select app_hidden.start_session('test', 3600)"));
}

describe("who may ask", () => {
  it("only the server's own role: anonymous callers and students are refused, nothing is made", async () => {
    const email = `${unique("mallory")}@college.edu`;
    for (const claims of [null, { user_id: 1, role: "student" as const, session_id: 1 }]) {
      const refused = await sqlFailure(db.as(claims, (c) => c.query(SIGN_IN_SQL, params({ email }))));
      expect(refused?.code).toBe("42501"); // insufficient_privilege
    }
    expect(await usersWith(email)).toBe(0);
  });
});

describe("a first visit", () => {
  it("makes a verified student with no password, named as the provider says, linked to the identity", async () => {
    const email = `${unique("ada")}@cs.college.edu`;
    const subject = unique("sub");
    const who = await asServer({ subject, email: `  ${email.toUpperCase()} `, name: "  Ada Lovelace " });
    expect(who.role).toBe("student");
    expect(await user(who.user_id)).toMatchObject({ name: "Ada Lovelace", email, role: "student", email_verified: true });
    const secrets = await db.owner.query("select 1 from app_private.user_secrets where user_id = $1", [who.user_id]);
    expect(secrets.rowCount).toBe(0);
    const links = await db.owner.query("select issuer, subject from app_private.user_identities where user_id = $1", [who.user_id]);
    expect(links.rows).toEqual([{ issuer: ISSUER, subject }]);
  });

  it("takes a name from the address when the provider gives none", async () => {
    const email = `${unique("grace")}@college.edu`;
    const who = await asServer({ email, name: null });
    expect((await user(who.user_id)).name).toBe(email.split("@")[0]);
  });

  it("is refused unless the provider says the address is verified (false, or not said)", async () => {
    for (const email_verified of [false, null]) {
      const email = `${unique("unverified")}@college.edu`;
      expect(await sqlFailure(asServer({ email, email_verified }))).toMatchObject({ code: "TK403", detail: "EMAIL_NOT_VERIFIED" });
      expect(await usersWith(email)).toBe(0);
    }
  });

  it("is refused for an address outside the college's domains, look-alikes included", async () => {
    for (const email of [`${unique("x")}@gmail.com`, `${unique("x")}@college.edu.evil.com`, `${unique("x")}@evilcollege.edu`]) {
      expect(await sqlFailure(asServer({ email })), email).toMatchObject({ code: "TK403", detail: "EMAIL_DOMAIN_NOT_ALLOWED" });
      expect(await usersWith(email)).toBe(0);
    }
  });

  it("is refused without an identity or a usable address", async () => {
    expect(await sqlFailure(asServer({ subject: "", email: `${unique("x")}@college.edu` }))).toMatchObject({ detail: "OIDC_FAILED" });
    expect(await sqlFailure(asServer({ email: "not an address@college.edu" }))).toMatchObject({ detail: "INVALID_INPUT" });
  });

  it("makes one account when two first visits of one identity race", async () => {
    const email = `${unique("twice")}@college.edu`;
    const subject = unique("sub");
    const [a, b] = await Promise.all([asServer({ subject, email }), asServer({ subject, email })]);
    expect(a.user_id).toBe(b.user_id);
    expect(await usersWith(email)).toBe(1);
  });
});

describe("a later visit", () => {
  it("signs in the same account, found by issuer and subject even when the address changed", async () => {
    const subject = unique("sub");
    const first = await asServer({ subject, email: `${unique("old")}@college.edu` });
    const newEmail = `${unique("new")}@college.edu`;
    const again = await asServer({ subject, email: newEmail });
    expect(again.user_id).toBe(first.user_id);
    expect(await user(first.user_id)).toMatchObject({ email: newEmail, email_verified: true });
    expect(await usersWith(newEmail)).toBe(1);
  });

  it("keeps the account's address when the new one belongs to another account", async () => {
    const subject = unique("sub");
    const oldEmail = `${unique("mine")}@college.edu`;
    const first = await asServer({ subject, email: oldEmail });
    const taken = `${unique("taken")}@college.edu`;
    const other = await passwordSignup(taken);
    const again = await asServer({ subject, email: taken });
    expect(again.user_id).toBe(first.user_id);
    expect((await user(first.user_id)).email).toBe(oldEmail);
    expect((await user(other)).email).toBe(taken);
  });

  it("is refused again once the provider stops vouching for the address", async () => {
    const subject = unique("sub");
    await asServer({ subject, email: `${unique("a")}@college.edu` });
    expect(await sqlFailure(asServer({ subject, email: `${unique("a")}@college.edu`, email_verified: false }))).toMatchObject({
      detail: "EMAIL_NOT_VERIFIED",
    });
    expect(await sqlFailure(asServer({ subject, email: `${unique("a")}@gmail.com` }))).toMatchObject({ detail: "EMAIL_DOMAIN_NOT_ALLOWED" });
  });

  it("of another issuer with the same subject is another identity", async () => {
    const subject = unique("sub");
    const mine = await asServer({ subject, email: `${unique("a")}@college.edu` });
    const theirs = await asServer({ subject, issuer: "https://other-idp.college.edu", email: `${unique("b")}@college.edu` });
    expect(theirs.user_id).not.toBe(mine.user_id);
  });
});

describe("an account made with a password", () => {
  it("with a verified address is linked: password, sessions and account stay", async () => {
    const email = `${unique("pw")}@college.edu`;
    const id = await passwordSignup(email);
    await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [id]);
    await startSession(id);
    const who = await asServer({ email });
    expect(who.user_id).toBe(id);
    expect(await liveSessions(id)).toBe(1);
    const secrets = await db.owner.query("select 1 from app_private.user_secrets where user_id = $1", [id]);
    expect(secrets.rowCount).toBe(1);
    expect(await usersWith(email)).toBe(1);
  });

  it("whose address was never verified is taken over by its owner: the squatter's password and sessions end", async () => {
    const email = `${unique("victim")}@college.edu`;
    const squatted = await passwordSignup(email); // someone else signed up with the address first
    await startSession(squatted);
    const who = await asServer({ email });
    expect(who.user_id).toBe(squatted);
    expect(await user(squatted)).toMatchObject({ email_verified: true });
    expect(await liveSessions(squatted)).toBe(0);
    const secrets = await db.owner.query("select 1 from app_private.user_secrets where user_id = $1", [squatted]);
    expect(secrets.rowCount).toBe(0);
    const signIn = await db.as(null, (c) => c.query("select user_id from app_hidden.authenticate($1, 'correct horse battery')", [email]));
    expect(signIn.rows[0].user_id).toBeNull();
  });
});

describe("a closed account", () => {
  it("loses its link: the identity's next visit makes a new account", async () => {
    const subject = unique("sub");
    const email = `${unique("leaver")}@college.edu`;
    const first = await asServer({ subject, email });
    await db.owner.query("select app_private.set_password($1, 'correct horse battery')", [first.user_id]);
    const closed = await db.as({ user_id: first.user_id, role: "student", session_id: 0 }, (c) =>
      c.query("select app_hidden.delete_account('correct horse battery') as deleted"),
    );
    expect(closed.rows[0].deleted).toBe(true);
    const links = await db.owner.query("select 1 from app_private.user_identities where user_id = $1", [first.user_id]);
    expect(links.rowCount).toBe(0);
    const again = await asServer({ subject, email });
    expect(again.user_id).not.toBe(first.user_id);
    expect(await user(again.user_id)).toMatchObject({ email, email_verified: true });
  });
});
