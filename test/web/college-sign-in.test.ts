// "Sign in with your college account" in a real browser: the sign-in page
// offers it when the server has single sign-on, the browser goes through a real
// OpenID provider (oidc-provider on a loopback port) and back, and the app takes
// the token from the fragment (clearing it from the address bar), or says why
// the college's answer was refused.
import { inject, afterAll, beforeAll, describe, expect, test } from "vitest";
import { useTestServer } from "../helpers/app.ts";
import { startIdentityProvider, type Person } from "../helpers/identity-provider.ts";
import { screenshots, useBrowser, visible } from "./browser.ts";

// The provider first: the server is told its issuer when it starts.
const idp = await startIdentityProvider();
const t = useTestServer({
  overrides: {
    web: { dir: inject("webDir") },
    singleSignOn: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, loginMaxSeconds: 600, httpTimeoutSeconds: 5 },
  },
});
beforeAll(() => idp.register(`${t.server.url}/auth/oidc/callback`));
afterAll(() => idp.close());
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
