// Closing an account that signs in only with the college's account (single
// sign-on: it never chose a password), end to end with real parts: a real
// OpenID provider on a loopback port signs the student in, the worker sends the
// outbox over real SMTP to a local capture server, and the link is read from
// the email as the student's mail client shows it. A password account is still
// closed with its password only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, graphql, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { PASSWORD, signUp, tokenStatus } from "../helpers/accounts.ts";
import { CookieBrowser, startIdentityProvider, type IdentityProvider, type Person } from "../helpers/identity-provider.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const PUBLIC_URL = "https://tickets.college.edu";
const CLOSE_LINK = `${PUBLIC_URL}/close-account`;

let db: TestDatabase;
let idp: IdentityProvider;
let smtp: SmtpCapture;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await applyAuthSettings(db.ownerUrl, { MAX_SESSIONS_PER_USER: 50, ALLOWED_EMAIL_DOMAINS: [], REQUIRE_EMAIL_VERIFICATION: true, PUBLIC_URL });
  idp = await startIdentityProvider();
  smtp = await startSmtpCapture();
  server = await startTestServer(db, {
    overrides: {
      singleSignOn: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, loginMaxSeconds: 600, httpTimeoutSeconds: 5 },
    },
  });
  idp.register(`${server.url}/auth/oidc/callback`);
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
  await smtp?.close();
  if (db) await deleteRedisKeys(db.name);
  await db?.drop();
});

let n = 0;
const person = (): Person & { email: string } => ({ sub: `closing-${process.pid}-${n}`, email: `sso-${process.pid}-${n++}@college.edu`, email_verified: true, name: "Grace Hopper" });

/** "Sign in with your college account" as `who`, through the real provider: the session token. */
async function signInWithCollege(who: Person) {
  idp.nextPerson(who);
  const landed = await new CookieBrowser().follow(`${server.url}/auth/oidc/start`, (url) => url.pathname === "/auth/complete");
  const token = new URLSearchParams(landed.hash.slice(1)).get("token");
  if (!token) throw new Error(`no token: ${landed.href}`);
  return token;
}

/** The worker sends the outbox over SMTP: the token of the newest closing link mailed to `to`, once `count` have arrived. */
async function mailedCloseToken(to: string, count = 1) {
  const withLink = () => smtp.to(to).filter((m) => m.text.includes(`${CLOSE_LINK}?token=`));
  await expect.poll(async () => {
    await runJobs(db, smtp.mailer);
    return withLink().length;
  }, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  return linkToken(withLink().at(-1)!, CLOSE_LINK);
}

const account = async (email: string) =>
  (await db.owner.query("select id, deleted_at from app_public.users where email = $1::citext", [email])).rows[0] as { id: number; deleted_at: Date | null } | undefined;

describe("an account that signs in only with the college's account", () => {
  it("is told plainly that no password can close it, and asks for a link instead; the link mailed to its address closes it", async () => {
    const grace = person();
    const token = await signInWithCollege(grace);
    const me = await graphql(server.url, "{ me { hasPassword emailVerified } }", {}, token);
    expect(me.body.data.me).toEqual({ hasPassword: false, emailVerified: true });

    // Before: no password, so DELETE /me cannot work; it says what to do, and nothing is closed.
    const withPassword = await request(server.url, "DELETE", "/me", { token, body: { password: "anything at all" } });
    expect(withPassword.status).toBe(409);
    expect(withPassword.body.error).toMatchObject({ code: "NO_PASSWORD", field: "password" });
    expect(withPassword.body.error.message).toContain("confirmation link");

    const asked = await request(server.url, "POST", "/me/close-link", { token });
    expect(asked.status).toBe(202);
    const linkToken = await mailedCloseToken(grace.email);
    expect(smtp.to(grace.email).at(-1)!.subject).toBe("Confirm closing your account");
    expect((await account(grace.email))!.deleted_at).toBeNull(); // asking closes nothing

    // A ticket to a coming event: closing cancels it, as closing with a password does.
    const event = await insertEvent(db, { name: "Closing Night", total_tickets: 5 });
    const booked = await request(server.url, "POST", `/events/${event.id}/book`, { token });
    expect(booked.status).toBe(201);

    // The link closes only the account it was mailed for.
    const other = await signInWithCollege(person());
    const stranger = await request(server.url, "POST", "/me/close", { token: other, body: { token: linkToken } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error).toMatchObject({ code: "INVALID_TOKEN", field: "token" });
    expect(await tokenStatus(server.url, other)).toBe(200);

    const id = (await account(grace.email))!.id;
    const closed = await request(server.url, "POST", "/me/close", { token, body: { token: linkToken } });
    expect(closed.status).toBe(204);
    expect(await tokenStatus(server.url, token)).toBe(401);
    const { rows } = await db.owner.query(
      `select u.name, u.deleted_at is not null as closed, (select count(*)::int from app_private.user_identities i where i.user_id = u.id) as links,
              (select t.status from app_public.tickets t where t.user_id = u.id) as ticket
       from app_public.users u where u.id = $1`, [id]);
    expect(rows[0]).toEqual({ name: "Deleted account", closed: true, links: 0, ticket: "cancelled" });
    // The sent email keeps no copy of the link.
    const kept = await db.owner.query("select body from app_private.outbox where kind = 'close_account' and to_email is null and user_id = $1", [id]);
    expect(kept.rows).toHaveLength(1);
    expect(kept.rows[0].body).not.toContain("token=");
  });

  it("a link works for an hour only, and a mistyped one is refused the same way", async () => {
    const ada = person();
    const token = await signInWithCollege(ada);
    expect((await request(server.url, "POST", "/me/close-link", { token })).status).toBe(202);
    const stale = await mailedCloseToken(ada.email);
    await db.owner.query("update app_private.account_closures set expires_at = now() - interval '1 second' where user_id = (select id from app_public.users where email = $1)", [ada.email]);
    const late = await request(server.url, "POST", "/me/close", { token, body: { token: stale } });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe("INVALID_TOKEN");
    expect((await account(ada.email))!.deleted_at).toBeNull();
    // Mistyped: the same answer.
    const typo = await request(server.url, "POST", "/me/close", { token, body: { token: stale.slice(0, -1) + (stale.endsWith("0") ? "1" : "0") } });
    expect(typo.body.error.code).toBe("INVALID_TOKEN");
  });

  it("GraphQL: requestAccountClosure mails the link, closeAccountWithLink closes the account", async () => {
    const lin = person();
    const token = await signInWithCollege(lin);
    const asked = await graphql(server.url, "mutation { requestAccountClosure(input: {}) { result } }", {}, token);
    expect(asked.body).toEqual({ data: { requestAccountClosure: { result: true } } });
    const link = await mailedCloseToken(lin.email);
    const id = (await account(lin.email))!.id;
    // One link, or one password, per request: aliases cannot spray tokens.
    const sprayed = await graphql(server.url, `mutation { a: closeAccountWithLink(input: { token: "${"0".repeat(64)}" }) { deleted } b: closeAccountWithLink(input: { token: "${"1".repeat(64)}" }) { deleted } }`, {}, token);
    expect(sprayed.body.errors?.[0]?.extensions?.code).toBe("TOO_MANY_AUTH_OPERATIONS");
    const done = await graphql(server.url, "mutation($t: String!) { closeAccountWithLink(input: { token: $t }) { deleted } }", { t: link }, token);
    expect(done.body.data.closeAccountWithLink).toEqual({ deleted: true });
    expect((await account(`deleted-${id}@deleted.invalid`))!.deleted_at).not.toBeNull();
    expect(await tokenStatus(server.url, token)).toBe(401);
  });
});

describe("an account with a password", () => {
  it("gets no closing link: only its password closes it, as before", async () => {
    const me = await signUp(server.url);
    const asked = await request(server.url, "POST", "/me/close-link", { token: me.token });
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: "PASSWORD_REQUIRED", field: "password" });
    const viaGraphql = await graphql(server.url, "mutation { requestAccountClosure(input: {}) { result } }", {}, me.token);
    expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("PASSWORD_REQUIRED");
    await runJobs(db, smtp.mailer);
    expect(smtp.to(me.user.email).filter((m) => m.text.includes(CLOSE_LINK))).toEqual([]);

    expect((await request(server.url, "DELETE", "/me", { token: me.token, body: { password: "not my password" } })).body.error.code).toBe("INVALID_CREDENTIALS");
    expect((await account(me.user.email))!.deleted_at).toBeNull();
    expect((await request(server.url, "DELETE", "/me", { token: me.token, body: { password: PASSWORD } })).status).toBe(204);
  });

  it("an account that chose a password after asking for a link is closed with the password, not the link", async () => {
    const bo = person();
    const token = await signInWithCollege(bo);
    expect((await request(server.url, "POST", "/me/close-link", { token })).status).toBe(202);
    const link = await mailedCloseToken(bo.email);
    await db.owner.query("select app_private.set_password(id, $2) from app_public.users where email = $1", [bo.email, PASSWORD]);
    const refused = await request(server.url, "POST", "/me/close", { token, body: { token: link } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("PASSWORD_REQUIRED");
    expect((await account(bo.email))!.deleted_at).toBeNull();
  });
});
