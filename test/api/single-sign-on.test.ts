// Signing in with the college's account, end to end with real parts: a real
// OpenID provider (oidc-provider) on a loopback port, the production-mode
// server's /auth/oidc/start and /auth/oidc/callback (openid-client), and a
// browser's way of following redirects with cookies. The provider's answer
// signs in a student only when it vouches for an address of the college's
// domains; a sign-in finishes only in the browser that started it, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, graphql, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { signUp } from "../helpers/accounts.ts";
import { CookieBrowser, startIdentityProvider, type IdentityProvider, type Person } from "../helpers/identity-provider.ts";

let db: TestDatabase;
let idp: IdentityProvider;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await applyAuthSettings(db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: ["college.edu", "*.college.edu"],
    REQUIRE_EMAIL_VERIFICATION: true,
    PUBLIC_URL: "https://tickets.college.edu",
  });
  idp = await startIdentityProvider();
  server = await startTestServer(db, {
    production: true,
    overrides: {
      singleSignOn: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, loginMaxSeconds: 600, httpTimeoutSeconds: 5 },
    },
  });
  idp.register(`${server.url}/auth/oidc/callback`);
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
  if (db) await deleteRedisKeys(db.name);
  await db?.drop();
});

let n = 0;
const person = (changes: Partial<Person> = {}): Person => ({
  sub: `sub-${process.pid}-${n}`,
  email: `student-${process.pid}-${n++}@cs.college.edu`,
  email_verified: true,
  name: "Ada Lovelace",
  ...changes,
});

const isComplete = (url: URL) => url.pathname === "/auth/complete";
const isCallback = (url: URL) => url.pathname === "/auth/oidc/callback";

/** Press "Sign in with your college account" as `who`: where the browser lands (PUBLIC_URL/auth/complete#…). */
async function signInAs(who: Person, browser = new CookieBrowser()) {
  idp.nextPerson(who);
  const landed = await browser.follow(`${server.url}/auth/oidc/start`, isComplete);
  return new URLSearchParams(landed.hash.slice(1));
}

/** Up to the provider's redirect back to us: the callback URL (code and state), not yet followed. */
async function callbackOf(who: Person, browser: CookieBrowser) {
  idp.nextPerson(who);
  return browser.follow(`${server.url}/auth/oidc/start`, isCallback);
}

const accountsWith = async (email: string) =>
  (await db.owner.query("select id, name, role, email_verified from app_public.users where email = $1::citext", [email])).rows;
const sessionCount = async () => (await db.owner.query<{ n: number }>("select count(*)::int as n from app_private.sessions")).rows[0]!.n;

describe("a first visit", () => {
  it("makes a verified student and signs them in: the token works, as the student, on REST and GraphQL", async () => {
    const ada = person();
    const landed = await signInAs(ada);
    expect([...landed.keys()]).toEqual(["token"]);
    const token = landed.get("token")!;

    const me = await graphql(server.url, "{ me { id name email role emailVerified } }", {}, token);
    expect(me.body.data.me).toMatchObject({ name: "Ada Lovelace", email: ada.email, role: "student", emailVerified: true });
    expect(await accountsWith(ada.email!)).toHaveLength(1);
    const sessions = await request(server.url, "GET", "/me/sessions", { token });
    expect(sessions.body.sessions).toEqual([expect.objectContaining({ current: true, user_agent: "test-browser/college-sign-in" })]);
    // Verified by the college: booking is open to them where verification is required.
    const event = await insertEvent(db, { total_tickets: 5 });
    expect((await request(server.url, "POST", `/events/${event.id}/book`, { token })).status).toBe(201);
  });

  it("lands on PUBLIC_URL/auth/complete with the token in the fragment, never in the query", async () => {
    idp.nextPerson(person());
    const landed = await new CookieBrowser().follow(`${server.url}/auth/oidc/start`, isComplete);
    expect(landed.origin).toBe(server.url); // PUBLIC_URL: this server, in the tests
    expect(landed.search).toBe("");
    expect(landed.hash).toMatch(/^#token=[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe("a second visit", () => {
  it("signs in the same student, in a session of its own, even after the address changed at the college", async () => {
    const ada = person();
    const first = await signInAs(ada);
    const again = await signInAs({ ...ada, email: `renamed-${ada.email}` }, new CookieBrowser("another-device"));
    const whoFirst = await graphql(server.url, "{ me { id } }", {}, first.get("token")!);
    const whoAgain = await graphql(server.url, "{ me { id email } }", {}, again.get("token")!);
    expect(whoAgain.body.data.me).toEqual({ id: whoFirst.body.data.me.id, email: `renamed-${ada.email}` });
    expect(first.get("token")).not.toBe(again.get("token"));
    const sessions = await request(server.url, "GET", "/me/sessions", { token: again.get("token")! });
    expect(sessions.body.sessions).toHaveLength(2);
    expect(await accountsWith(ada.email!)).toHaveLength(0);
  });

  it("of someone who signed up with a password and verified the address signs into that account", async () => {
    const grace = person({ name: "Grace Hopper" });
    const signedUp = await signUp(server.url, grace.email!);
    await db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [signedUp.user.id]);
    const landed = await signInAs(grace);
    const me = await graphql(server.url, "{ me { id } }", {}, landed.get("token")!);
    expect(me.body.data.me.id).toBe(signedUp.user.id);
    expect(await accountsWith(grace.email!)).toHaveLength(1);
  });
});

describe("a refusal", () => {
  it("for an address the provider does not vouch for: #error=EMAIL_NOT_VERIFIED, no account, no session", async () => {
    for (const unverified of [person({ email_verified: false }), person({ email_verified: undefined })]) {
      const sessionsBefore = await sessionCount();
      const landed = await signInAs(unverified);
      expect(Object.fromEntries(landed)).toEqual({ error: "EMAIL_NOT_VERIFIED" });
      expect(await accountsWith(unverified.email!)).toEqual([]);
      expect(await sessionCount()).toBe(sessionsBefore);
    }
  });

  it("for an address outside the college's domains: #error=EMAIL_DOMAIN_NOT_ALLOWED, no account", async () => {
    for (const email of [`mallory-${n++}@gmail.com`, `mallory-${n++}@college.edu.evil.example`]) {
      const landed = await signInAs(person({ email }));
      expect(Object.fromEntries(landed)).toEqual({ error: "EMAIL_DOMAIN_NOT_ALLOWED" });
      expect(await accountsWith(email)).toEqual([]);
    }
  });
});

describe("the state", () => {
  it("forged in the callback is refused (OIDC_FAILED), and the sign-in cannot be finished after it", async () => {
    const browser = new CookieBrowser();
    const eve = person();
    const callback = await callbackOf(eve, browser);
    const forged = new URL(callback);
    forged.searchParams.set("state", "forged-state-of-the-attackers-choosing");
    const landed = await browser.follow(forged, isComplete);
    expect(landed.hash).toBe("#error=OIDC_FAILED");
    // The login cookie went with that attempt: the genuine callback no longer finishes it.
    expect(browser.cookie("127.0.0.1", "ticketing_sso")).toBeUndefined();
    expect((await browser.follow(callback, isComplete)).hash).toBe("#error=OIDC_FAILED");
    expect(await accountsWith(eve.email!)).toEqual([]);
  });

  it("of another browser's sign-in is refused: a callback URL sent to a victim signs nobody in (login CSRF)", async () => {
    const attacker = new CookieBrowser("attacker");
    const callback = await callbackOf(person({ name: "Attacker" }), attacker);
    const victim = new CookieBrowser("victim");
    const sessionsBefore = await sessionCount();
    expect((await victim.follow(callback, isComplete)).hash).toBe("#error=OIDC_FAILED");
    expect(await sessionCount()).toBe(sessionsBefore);
  });

  it("replayed after a sign-in is refused, with or without the login cookie kept from before", async () => {
    const browser = new CookieBrowser();
    const ada = person();
    const callback = await callbackOf(ada, browser);
    const loginCookie = browser.cookie("127.0.0.1", "ticketing_sso")!;
    expect(loginCookie).toBeTruthy();
    expect((await browser.follow(callback, isComplete)).hash).toMatch(/^#token=/);
    const sessionsAfter = await sessionCount();

    expect((await browser.follow(callback, isComplete)).hash).toBe("#error=OIDC_FAILED");
    // Someone who copied the cookie too: the provider's code was single-use.
    browser.setCookie("127.0.0.1", "ticketing_sso", loginCookie);
    expect((await browser.follow(callback, isComplete)).hash).toBe("#error=OIDC_FAILED");
    expect(await sessionCount()).toBe(sessionsAfter);
  });

  it("is refused with a login cookie that was tampered with", async () => {
    const browser = new CookieBrowser();
    const callback = await callbackOf(person(), browser);
    const [header, payload, signature] = browser.cookie("127.0.0.1", "ticketing_sso")!.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString("base64url");
    browser.setCookie("127.0.0.1", "ticketing_sso", `${header}.${altered}.${signature}`);
    expect((await browser.follow(callback, isComplete)).hash).toBe("#error=OIDC_FAILED");
  });
});

describe("the login cookie", () => {
  it("is HttpOnly, SameSite=Lax and short-lived, and the redirects are not cached", async () => {
    const response = await fetch(`${server.url}/auth/oidc/start`, { redirect: "manual", headers: { accept: "text/html" } });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!).origin).toBe(idp.issuer);
    const location = new URL(response.headers.get("location")!);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: "code",
      code_challenge_method: "S256",
      scope: "openid email profile",
      redirect_uri: `${server.url}/auth/oidc/callback`,
    });
    for (const name of ["state", "nonce", "code_challenge"]) expect(location.searchParams.get(name)).toMatch(/^[\w-]{43,}$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^ticketing_sso=/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Max-Age=600;/);
  });
});

describe("where the server says so", () => {
  it("GraphQL names the start, the OpenAPI document has both routes", async () => {
    const gql = await graphql(server.url, "{ collegeSignInUrl }");
    expect(gql.body.data).toEqual({ collegeSignInUrl: "/auth/oidc/start" });
    const openapi = await request(server.url, "GET", "/openapi.json");
    expect(Object.keys(openapi.body.paths["/auth/oidc/start"])).toEqual(["get"]);
    expect(openapi.body.paths["/auth/oidc/callback"].get.responses["303"].description).toContain("EMAIL_DOMAIN_NOT_ALLOWED");
  });

  it("without OIDC_* there is no single sign-on: no routes, collegeSignInUrl null", async () => {
    const plain = await startTestServer(db, { production: true });
    try {
      const start = await request(plain.url, "GET", "/auth/oidc/start");
      expect(start).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
      expect((await graphql(plain.url, "{ collegeSignInUrl }")).body.data).toEqual({ collegeSignInUrl: null });
      expect((await request(plain.url, "GET", "/openapi.json")).body.paths["/auth/oidc/start"]).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it("with the provider unreachable, the browser lands on #error=OIDC_UNAVAILABLE", async () => {
    const cut = await startTestServer(db, {
      production: true,
      overrides: { singleSignOn: { issuer: "http://127.0.0.1:9", clientId: "x", clientSecret: "y", loginMaxSeconds: 600, httpTimeoutSeconds: 2 } },
    });
    try {
      const landed = await new CookieBrowser().follow(`${cut.url}/auth/oidc/start`, isComplete);
      expect(landed.hash).toBe("#error=OIDC_UNAVAILABLE");
    } finally {
      await cut.close();
    }
  });
});
