// The Account page in a real browser against the real server: your sessions
// (this device marked, one ended, "Sign out everywhere" reaching another
// browser as "session expired"), changing your password, downloading your data
// and deleting your account. Accounts are made through the API as devices with
// their own User-Agent (test/helpers/accounts.ts), so their sessions are real.
import type { Page, WebSocket } from "playwright-core";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { graphql } from "../helpers/app.ts";
import { logIn, newEmail, PASSWORD, signUp, tokenStatus } from "../helpers/accounts.ts";
import { insertEvent } from "../helpers/fixtures.ts";
import { expectAccessible, fieldError, liveCountShows, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();

const url = (path = "/") => `${t.server.url}${path}`;
const iPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A student who signed up on their phone and confirmed their address (the banner is another test's). */
async function student() {
  const account = await signUp(t.server.url, newEmail(), iPhone);
  await t.db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [account.user.id]);
  return { ...account, email: account.user.email, password: PASSWORD };
}

async function openAccount(page: Page) {
  await page.getByRole("link", { name: "Account" }).click();
  await visible(page.getByRole("heading", { level: 1, name: "Account" }));
}

/** The token this browser keeps (web/src/auth/token.ts). */
const browserToken = (page: Page) => page.evaluate<string>(`JSON.parse(localStorage.getItem("tickets.session")).token`);

describe("the Account page", () => {
  test("lists your sessions, newest first, with this device marked, and ends another one", async () => {
    const me = await student();
    const onFirefox = await logIn(t.server.url, me.email, firefox);
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);

    const sessions = page.getByRole("region", { name: "Your sessions" }).getByRole("listitem");
    await expect.poll(() => sessions.allInnerTexts().then((items) => items.map((text) => text.split("\n")[0]))).toEqual([
      "Chrome (headless) on Linux", // this browser signed in last
      "Firefox on Windows",
      "Safari on iOS",
    ]);
    expect(await page.getByText("This device").count()).toBe(1);
    await visible(sessions.first().getByText("This device"));
    expect(await sessions.first().getByRole("button").count()).toBe(0); // this one ends with "Sign out"
    await screenshots(page, "account");

    await page.getByRole("button", { name: /^End session: Firefox on Windows/ }).click();
    await visible(page.getByRole("status").getByText("Signed out Firefox on Windows."));
    await expect.poll(() => sessions.count()).toBe(2);
    expect(await tokenStatus(t.server.url, onFirefox.token)).toBe(401);
    expect(await tokenStatus(t.server.url, me.token)).toBe(200);
  });

  test("'Sign out everywhere' signs this browser out and tells another open browser its session expired; it signs in again from the message", async () => {
    const me = await student();
    const elsewhere = await browser.user();
    await signIn(elsewhere.page, t.server.url, me);
    await elsewhere.page.goto(url("/"));
    await visible(elsewhere.page.getByRole("heading", { level: 1, name: "Upcoming events" }));
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Welcome back" }));
    await visible(page.getByRole("status").getByText("You have been signed out on every device, this one included."));
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    expect(await tokenStatus(t.server.url, me.token)).toBe(401);

    // The other browser is told, without a reload (its socket was closed), and signs in again from the message.
    const expired = await visible(elsewhere.page.getByRole("alert").filter({ hasText: "Your session has expired — sign in again" }), 5_000);
    await screenshots(elsewhere.page, "session-expired");
    await expired.getByRole("link", { name: "sign in again" }).click();
    await elsewhere.page.getByLabel("Email").fill(me.email);
    await elsewhere.page.getByLabel("Password", { exact: true }).fill(me.password);
    await elsewhere.page.getByRole("button", { name: "Sign in" }).click();
    await visible(elsewhere.page.getByRole("button", { name: "Sign out" }));
    expect(await elsewhere.page.getByText("Your session has expired").count()).toBe(0);
  });

  test("a new password in one tab leaves another tab with live counts signed in (with the new token), not told its session expired", async () => {
    const me = await student();
    await insertEvent(t.db, { name: "Two Tabs Recital", total_tickets: 7 });
    const { context, page: watching } = await browser.user();
    await signIn(watching, t.server.url, me);
    const sockets: WebSocket[] = [];
    watching.on("websocket", (socket) => sockets.push(socket));
    await watching.goto(url("/"));
    await liveCountShows(watching, 7);
    const before = await browserToken(watching);
    // The session ends on the server while this tab's socket is open: the server closes it (4401).
    const closed = sockets.at(-1)!.waitForEvent("close");

    const changing = await context.newPage();
    await changing.goto(url("/account"));
    await changing.getByLabel("Current password").fill(me.password);
    await changing.getByLabel("New password").fill("a much better password");
    await changing.getByRole("button", { name: "Change password" }).click();
    await visible(changing.getByRole("status").getByText(/Password changed/));
    await closed;

    await expect.poll(() => browserToken(watching)).not.toBe(before);
    expect(await tokenStatus(t.server.url, await browserToken(watching))).toBe(200);
    await liveCountShows(watching, 7); // live again, on the new token's socket
    await visible(watching.getByRole("button", { name: "Sign out" }));
    expect(await watching.getByText("Your session has expired").count()).toBe(0);
    expect(await changing.getByText("Your session has expired").count()).toBe(0);
  });

  test("changes the password: a wrong current password is refused beside its field; then this browser stays signed in and every other session ends", async () => {
    const me = await student();
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);
    const before = await browserToken(page);

    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a much better password");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await fieldError(page, "Current password")).toMatch(/incorrect/i);
    await page.getByLabel("Current password").fill(me.password);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await fieldError(page, "New password")).toMatch(/8 to 72 characters/);
    expect(await tokenStatus(t.server.url, before)).toBe(200);

    await page.getByLabel("New password").fill("a much better password");
    await page.getByRole("button", { name: "Change password" }).click();
    await visible(page.getByRole("status").getByText(/Password changed/));
    const after = await browserToken(page);
    expect(after).not.toBe(before);
    expect(await tokenStatus(t.server.url, after)).toBe(200);
    expect(await tokenStatus(t.server.url, before)).toBe(401);
    expect(await tokenStatus(t.server.url, me.token)).toBe(401); // the phone's
    // Still signed in here after a reload, with no "expired" message.
    await page.reload();
    await visible(page.getByRole("button", { name: "Sign out" }));
    await visible(page.getByRole("region", { name: "Your sessions" }).getByText("This device"));
    expect(await page.getByRole("alert").count()).toBe(0);
    await logIn(t.server.url, me.email, "test-device/login", "a much better password");
  });

  test("downloads your data as a JSON file", async () => {
    const me = await student();
    const event = await insertEvent(t.db, { name: "Data Export Seminar" });
    const booked = await graphql(t.server.url, "mutation ($id: Int!) { bookTicket(input: { eventId: $id }) { ticketId } }", { id: event.id }, me.token);
    expect(booked.body.errors).toBeUndefined();
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download your data" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^campus-tickets-my-data-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(await readFile(await download.path(), "utf8"));
    expect(data.account).toMatchObject({ id: me.user.id, email: me.email, email_verified: true });
    expect(data.tickets.map((ticket: { event_name: string }) => ticket.event_name)).toEqual(["Data Export Seminar"]);
    expect(data.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  test("refuses to delete the account of a club's only owner, saying which club and what to do; nothing changes", async () => {
    const me = await student();
    const { rows } = await t.db.owner.query("insert into app_public.clubs (name) values ('Astronomy Society') returning id");
    await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'owner')", [rows[0].id, me.user.id]);
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);
    const form = page.getByRole("region", { name: "Delete your account" });
    await form.getByLabel("Type DELETE to confirm").fill("DELETE");
    await form.getByLabel("Your password").fill(me.password);
    await form.getByRole("button", { name: "Delete my account" }).click();
    await visible(form.getByText("You are the only owner of Astronomy Society: make someone else an owner of it before closing your account."));
    expect(await tokenStatus(t.server.url, me.token)).toBe(200);
    const left = await t.db.owner.query("select role from app_public.club_memberships where club_id = $1", [rows[0].id]);
    expect(left.rows).toEqual([{ role: "owner" }]);
  });

  test("deletes the account only with the typed confirmation and the password: the seat goes back, the name and email are erased", async () => {
    const me = await student();
    const event = await insertEvent(t.db, { name: "Farewell Concert", total_tickets: 5 });
    const booked = await graphql(t.server.url, "mutation ($id: Int!) { bookTicket(input: { eventId: $id }) { ticketId } }", { id: event.id }, me.token);
    expect(booked.body.errors).toBeUndefined();
    const remaining = async () =>
      (await t.db.owner.query<{ n: number }>("select tickets_remaining as n from app_public.events where id = $1", [event.id])).rows[0]!.n;
    expect(await remaining()).toBe(4);
    const { page } = await browser.user();
    await signIn(page, t.server.url, me);
    await openAccount(page);
    const form = page.getByRole("region", { name: "Delete your account" });

    await form.getByLabel("Type DELETE to confirm").fill("delete");
    await form.getByLabel("Your password").fill(me.password);
    await form.getByRole("button", { name: "Delete my account" }).click();
    expect(await fieldError(page, "Type DELETE to confirm")).toMatch(/Type DELETE in capital letters/);
    await form.getByLabel("Type DELETE to confirm").fill("DELETE");
    await form.getByLabel("Your password").fill("not my password");
    await form.getByRole("button", { name: "Delete my account" }).click();
    expect(await fieldError(page, "Your password")).toMatch(/incorrect/i);
    await screenshots(page, "account-delete");
    expect(await tokenStatus(t.server.url, me.token)).toBe(200);
    expect(await remaining()).toBe(4);

    await form.getByLabel("Your password").fill(me.password);
    await form.getByRole("button", { name: "Delete my account" }).click();
    await visible(page.getByRole("status").getByText(/Your account has been closed/));
    await visible(page.getByRole("heading", { level: 1, name: "Upcoming events" }));
    await visible(page.getByRole("link", { name: "Sign in" }));
    await expectAccessible(page, "account closed");
    expect(await remaining()).toBe(5);
    expect(await tokenStatus(t.server.url, me.token)).toBe(401);
    const { rows } = await t.db.owner.query("select name, email::text from app_public.users where id = $1", [me.user.id]);
    expect(rows[0]).toEqual({ name: "Deleted account", email: `deleted-${me.user.id}@deleted.invalid` });
  });

  test("where the college does not require verified addresses, no banner asks for one; the Account page still offers a link", async () => {
    // A new student, unverified, on a server that lets everyone book (REQUIRE_EMAIL_VERIFICATION off, as here).
    const me = await signUp(t.server.url, newEmail(), firefox);
    const event = await insertEvent(t.db, { name: "Open To All Talk", total_tickets: 5 });
    const { page } = await browser.user();
    await signIn(page, t.server.url, { email: me.user.email, password: PASSWORD });
    await page.getByRole("link", { name: "Open To All Talk" }).click();
    await page.getByRole("button", { name: "Book" }).click();
    await visible(page.getByText(/Booked 1 ticket/));
    expect(await page.getByRole("region", { name: "Email verification" }).count()).toBe(0);

    await openAccount(page);
    await visible(page.getByText(/not verified yet/));
    expect(await page.getByRole("region", { name: "Email verification" }).count()).toBe(0);
    const offer = page.getByRole("region", { name: "Verify your email" });
    await visible(offer.getByText(/Nothing here needs a verified address/));
    await offer.getByRole("button", { name: "Send a verification link" }).click();
    await visible(offer.getByRole("status").getByText(`A new link is on its way to ${me.user.email}. It works for 24 hours.`));
    expect(await remainingOf(event.id)).toBe(4);
  });
});

const remainingOf = async (eventId: number) =>
  (await t.db.owner.query<{ n: number }>("select tickets_remaining as n from app_public.events where id = $1", [eventId])).rows[0]!.n;
