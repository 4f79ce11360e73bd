// The pages the links in emails open, in a real browser against the real
// server, whose outbox the worker sends over real SMTP to a local capture
// server (the tokens are read from the emails, as a student's mail client shows
// them): verifying an address (the banner, Resend, a link that works once,
// expired and mistyped links), and choosing a new password after "Forgot
// password?" (the same answer for any address, a link that works once, an hour).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyAuthSettings } from "../../src/db/auth-settings.ts";
import { graphql } from "../helpers/app.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";
import { fieldError, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { newCredentials, signIn, signUpThroughApi } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();
let smtp: SmtpCapture;

const url = (path = "/") => `${t.server.url}${path}`;

beforeAll(async () => {
  // As a college runs it: verified students only, links to this server.
  await applyAuthSettings(t.db.ownerUrl, {
    MAX_SESSIONS_PER_USER: 50,
    ALLOWED_EMAIL_DOMAINS: [],
    REQUIRE_EMAIL_VERIFICATION: true,
    PUBLIC_URL: t.server.url,
  });
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.close());

/**
 * The link (PUBLIC_URL + path + ?token=) in the newest email to `to` that
 * carries one, once `count` such emails have arrived: the worker sends the
 * outbox over SMTP (a reset link is queued just after the request is answered,
 * so this polls for it).
 */
async function mailedLink(to: string, path: "/verify-email" | "/reset-password", count = 1) {
  const withLink = () => smtp.to(to).filter((m) => m.text.includes(`${url(path)}?token=`));
  await expect
    .poll(async () => {
      await runJobs(t.db, smtp.mailer);
      return withLink().length;
    }, { timeout: 5_000 })
    .toBeGreaterThanOrEqual(count);
  return `${url(path)}?token=${linkToken(withLink().at(-1)!, url(path))}`;
}

async function verifiedAt(email: string) {
  const { rows } = await t.db.owner.query<{ at: Date | null }>("select email_verified_at as at from app_public.users where email = $1", [email]);
  return rows[0]!.at;
}

describe("verifying an email address", () => {
  test("a new student is asked to check their email, asks again with Resend, follows the link: the banner goes and booking works", async () => {
    const event = await insertEvent(t.db, { name: "Verified Students Lecture", total_tickets: 10 });
    const { page } = await browser.user();
    const me = newCredentials();
    await page.goto(url("/signup"));
    await page.getByLabel("Name").fill(me.name);
    await page.getByLabel("Email").fill(me.email);
    await page.getByLabel("Password", { exact: true }).fill(me.password);
    await page.getByRole("button", { name: "Sign up" }).click();

    const banner = page.getByRole("region", { name: "Email verification" });
    await visible(banner.getByText("Verify your email address to book tickets."));
    await visible(banner.getByText(me.email));
    // What verifying unlocks, in words.
    expect(await banner.innerText()).toMatch(/cannot book tickets, join waitlists, queues or lotteries, or be added to a club's staff/);
    // Until then a booking is refused, in words that say what to do.
    await page.goto(url(`/events/${event.id}`));
    await page.getByRole("button", { name: "Book" }).click();
    await visible(page.getByRole("alert").filter({ hasText: /Confirm your email address first/ }));
    await screenshots(page, "verify-banner");

    await banner.getByRole("button", { name: "Resend" }).click();
    await visible(banner.getByRole("status").getByText(/A new link is on its way/));
    const link = await mailedLink(me.email, "/verify-email", 2);
    expect(smtp.to(me.email).map((m) => m.subject)).toEqual(["Confirm your email address", "Confirm your email address"]);

    await page.goto(link);
    await visible(page.getByRole("status").getByText(`Your email address ${me.email} is verified`));
    await expect.poll(() => banner.count()).toBe(0);
    expect(await verifiedAt(me.email)).not.toBeNull();
    await screenshots(page, "verify-email");

    await page.getByRole("link", { name: "Browse upcoming events" }).click();
    await page.getByRole("link", { name: "Verified Students Lecture" }).click();
    await page.getByRole("button", { name: "Book" }).click();
    await visible(page.getByText(/Booked 1 ticket/));

    // The same link a second time: used, and the page says there is nothing left to do.
    await page.goto(link);
    await visible(page.getByRole("alert").filter({ hasText: "This link is not valid" }));
    await visible(page.getByText(/is verified already/));
  });

  test("a mistyped, an expired and a missing token each say the link is not valid, and change nothing", async () => {
    const student = await signUpThroughApi(t.server.url);
    const link = await mailedLink(student.email, "/verify-email");
    // A day passes: the link has expired.
    await t.db.owner.query(
      "update app_private.email_verifications set expires_at = now() - interval '1 second' where user_id = $1",
      [student.id],
    );
    const { page } = await browser.user();
    for (const target of [link, `${url("/verify-email")}?token=${"0".repeat(64)}`, url("/verify-email")]) {
      await page.goto(target);
      const refusal = await visible(page.getByRole("alert").filter({ hasText: "This link is not valid" }));
      await visible(refusal.getByRole("link", { name: "Sign in" }));
    }
    await screenshots(page, "verify-email-invalid");
    expect(await verifiedAt(student.email)).toBeNull();
  });
});

describe("a forgotten password", () => {
  test("'Forgot password?' on the sign-in page gives the same answer for any address and mails a link only to an account's", async () => {
    const student = await signUpThroughApi(t.server.url);
    const stranger = newCredentials("nobody");
    const { page } = await browser.user();
    await page.goto(url("/signin"));
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Forgot your password?" }));
    await screenshots(page, "forgot-password");
    const answerFor = async (email: string) => {
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send me a link" }).click();
      return (await visible(page.getByRole("status").getByText(/we have sent it a link/))).first().innerText();
    };
    const forNobody = await answerFor(stranger.email);
    await page.getByRole("button", { name: "ask again" }).click();
    const forStudent = await answerFor(student.email);
    expect(forStudent).toBe(forNobody);
    await mailedLink(student.email, "/reset-password");
    // Links are looked up in the order the requests were answered: the stranger's turn came first, and sent nothing.
    expect(smtp.to(stranger.email)).toEqual([]);
  });

  test("the mailed link sets a new password once; a browser still signed in is told its session expired; the old password stops working", async () => {
    const student = await signUpThroughApi(t.server.url);
    // Elsewhere, the student is signed in and looking at the events.
    const elsewhere = await browser.user();
    await signIn(elsewhere.page, t.server.url, student);
    await elsewhere.page.goto(url("/"));
    await visible(elsewhere.page.getByRole("heading", { level: 1, name: "Upcoming events" }));
    const requested = await graphql(t.server.url, "mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }", { email: student.email });
    expect(requested.body.data?.requestPasswordReset?.accepted).toBe(true);
    const link = await mailedLink(student.email, "/reset-password");

    const { page } = await browser.user();
    await page.goto(link);
    await visible(page.getByRole("heading", { level: 1, name: "Choose a new password" }));
    await screenshots(page, "reset-password");
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save new password" }).click();
    expect(await fieldError(page, "New password")).toMatch(/8 to 72 characters/);
    const newPassword = `${student.password}-renewed`;
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await visible(page.getByRole("status").getByText(/Your password has been changed/));

    // Every session of the account ended: the other browser says so, without a reload.
    await visible(elsewhere.page.getByRole("alert").filter({ hasText: "Your session has expired — sign in again" }), 5_000);
    await visible(elsewhere.page.getByRole("link", { name: "Sign in", exact: true }));

    // The link works once.
    await page.goto(link);
    await page.getByLabel("New password").fill(`${newPassword}-again`);
    await page.getByRole("button", { name: "Save new password" }).click();
    const refusal = await visible(page.getByRole("alert").filter({ hasText: "This link is not valid" }));
    await visible(refusal.getByRole("link", { name: "Ask for a new link" }));
    await screenshots(page, "reset-password-invalid");

    // The new password signs in; the old one no longer does.
    const login = (password: string) =>
      graphql(t.server.url, "mutation ($input: LoginInput!) { login(input: $input) { token } }", { input: { email: student.email, password } });
    expect((await login(student.password)).body.errors?.[0]?.extensions?.code).toBe("INVALID_CREDENTIALS");
    await signIn(page, t.server.url, { email: student.email, password: newPassword });
  });

  test("a reset link older than an hour is refused and the password stays", async () => {
    const student = await signUpThroughApi(t.server.url);
    const { page } = await browser.user();
    await page.goto(url("/forgot-password"));
    await page.getByLabel("Email").fill(student.email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    const link = await mailedLink(student.email, "/reset-password");
    await t.db.owner.query(
      "update app_private.password_resets set expires_at = now() - interval '1 second' where user_id = $1",
      [student.id],
    );
    await page.goto(link);
    await page.getByLabel("New password").fill("a-brand-new-password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await visible(page.getByRole("alert").filter({ hasText: "This link is not valid" }));
    await signIn(page, t.server.url, student);
  });
});
