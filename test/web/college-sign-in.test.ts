// "Sign in with your college account" in a real browser: the sign-in page
// offers it when the server has single sign-on, the browser goes through a real
// OpenID provider (oidc-provider on a loopback port) and back, and the app takes
// the token from the fragment (clearing it from the address bar), or says why
// the college's answer was refused. Such an account has no password: it is
// deleted with a link mailed to it (the worker sends it over real SMTP).
import { inject, afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import { useTestServer } from "../helpers/app.ts";
import { startIdentityProvider, type Person } from "../helpers/identity-provider.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";
import { expectAccessible, screenshots, useBrowser, visible } from "./browser.ts";

// The provider first: the server is told its issuer when it starts.
const idp = await startIdentityProvider();
const t = useTestServer({
  overrides: {
    web: { dir: inject("webDir") },
    singleSignOn: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, loginMaxSeconds: 600, httpTimeoutSeconds: 5 },
  },
});
let smtp: SmtpCapture;
beforeAll(async () => {
  idp.register(`${t.server.url}/auth/oidc/callback`);
  // Links in emails lead to this server.
  await applyAuthSettings(t.db.ownerUrl, { MAX_SESSIONS_PER_USER: 50, ALLOWED_EMAIL_DOMAINS: [], REQUIRE_EMAIL_VERIFICATION: false, PUBLIC_URL: t.server.url });
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await idp.close();
  await smtp?.close();
});
const browser = useBrowser();

let n = 0;
const person = (changes: Partial<Person> = {}): Person => ({
  sub: `web-${process.pid}-${n}`,
  email: `student-${process.pid}-${n++}@example.edu`,
  email_verified: true,
  name: "Ada Lovelace",
  ...changes,
});

describe("signing in with the college's account", () => {
  test("from the sign-in page, through the college's sign-in and back, signed in, with no token left in the address bar", async () => {
    const { page } = await browser.user();
    await page.goto(`${t.server.url}/signin`);
    const button = await visible(page.getByRole("link", { name: "Sign in with your college account" }));
    await screenshots(page, "sign-in-college");
    const ada = person();
    idp.nextPerson(ada);
    await button.click();
    // Back in the app, on the events page, signed in.
    await visible(page.getByRole("button", { name: "Sign out" }));
    expect(new URL(page.url()).pathname).toBe("/");
    expect(page.url()).not.toContain("token");
    expect(await page.evaluate<string>("location.hash")).toBe("");
    // Nor does the history: Back goes to the sign-in page, not to a URL with the token.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(page.url()).not.toContain("token");
    await page.goForward();
    const session = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('tickets.session')"))!);
    expect(session).toMatchObject({ name: "Ada Lovelace", email: ada.email, role: "student" });
    await visible(page.getByRole("link", { name: "My tickets" }));
  });

  test("an address the college does not vouch for is refused, in words, with the way back", async () => {
    const { page } = await browser.user();
    await page.goto(`${t.server.url}/signin`);
    const unverified = person({ email_verified: false });
    idp.nextPerson(unverified);
    await (await visible(page.getByRole("link", { name: "Sign in with your college account" }))).click();
    await visible(page.getByRole("heading", { name: "We could not sign you in" }));
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("is not verified");
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate<string | null>("localStorage.getItem('tickets.session')")).toBeNull();
    const { rows } = await t.db.owner.query("select 1 from app_public.users where email = $1", [unverified.email]);
    expect(rows).toEqual([]);
    await screenshots(page, "college-sign-in-refused");
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await visible(page.getByRole("heading", { name: "Welcome back" }));
  });

  test("a sign-in not started in this browser lands on a plain explanation", async () => {
    const { page } = await browser.user();
    await page.goto(`${t.server.url}/auth/complete#error=OIDC_FAILED`);
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("did not work");
    expect(new URL(page.url()).hash).toBe("");
  });
});

describe("deleting an account that signs in only with the college's account", () => {
  test("asks for no password: a link mailed to the address, opened in the signed-in browser, deletes it after one more click", async () => {
    const { page } = await browser.user();
    await page.goto(`${t.server.url}/signin`);
    const grace = person({ name: "Grace Hopper" }) as Person & { email: string };
    idp.nextPerson(grace);
    await (await visible(page.getByRole("link", { name: "Sign in with your college account" }))).click();
    await visible(page.getByRole("button", { name: "Sign out" }));
    await page.getByRole("link", { name: "Account" }).click();
    const form = page.getByRole("region", { name: "Delete your account" });
    await visible(form.getByText(/there is no password to ask for/));
    expect(await form.getByLabel("Your password").count()).toBe(0);
    await form.getByLabel("Type DELETE to confirm").fill("DELETE");
    await form.getByRole("button", { name: "Email me a link to delete my account" }).click();
    await visible(form.getByRole("status").getByText(`We sent a link to ${grace.email}. Open it within an hour, in this browser, to delete your account.`));
    await screenshots(page, "account-delete-college");

    const closeUrl = `${t.server.url}/close-account`;
    const withLink = () => smtp.to(grace.email).filter((m) => m.text.includes(`${closeUrl}?token=`));
    await expect.poll(async () => {
      await runJobs(t.db, smtp.mailer);
      return withLink().length;
    }, { timeout: 5_000 }).toBe(1);
    const link = `${closeUrl}?token=${linkToken(withLink()[0]!, closeUrl)}`;

    // Opening the link alone deletes nothing (a mail scanner may open it).
    await page.goto(link);
    await visible(page.getByText(`Delete the account of ${grace.email}?`));
    const account = async () => (await t.db.owner.query("select deleted_at from app_public.users where email = $1", [grace.email])).rows[0];
    expect((await account()).deleted_at).toBeNull();
    await expectAccessible(page, "close account link");
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await visible(page.getByRole("status").getByText(/Your account has been closed/));
    await visible(page.getByRole("link", { name: "Sign in" }));
    expect(await account()).toBeUndefined(); // its address is erased
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.users where name = 'Deleted account' and deleted_at is not null and email like 'deleted-%'");
    expect(rows[0].n).toBeGreaterThanOrEqual(1);

    // The same link again, signed out: it says to sign in first, and does nothing.
    await page.goto(link);
    await visible(page.getByRole("alert").getByText(/Sign in to the account you want to delete first/));
  });
});
