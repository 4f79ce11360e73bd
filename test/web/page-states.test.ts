// Pages that never contradict themselves: for each state a student (or an
// admin) can meet on an event's page, exactly one call to action; navigation
// that follows the route; errors that go once the state they described
// changed; confirmations after paying and cancelling; every sign-up error at
// once; and the look: plurals, dates that never wrap, a leaderboard of events
// that sold something, a favicon, /docs on a phone.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { graphql } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { expectAccessible, fieldError, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signedIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();
const url = (path = "/") => `${t.server.url}${path}`;

const CALLS_TO_ACTION = /^(Book|Join waitlist|Accept|Pay)$/;

/** The buttons on the page that would book, queue, accept or pay. */
async function callsToAction(page: Page): Promise<string[]> {
  const names = await page.getByRole("main").getByRole("button").allInnerTexts();
  return names.map((n) => n.trim()).filter((n) => CALLS_TO_ACTION.test(n));
}

async function bookAs(studentId: number, eventId: number, key: string) {
  const response = await graphql(
    t.server.url,
    "mutation ($input: BookTicketInput!) { bookTicket(input: $input) { ticketId status } }",
    { input: { eventId, idempotencyKey: key } },
    tokenFor({ user_id: studentId, role: "student", session_id: -1 }),
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
}

async function openEvent(page: Page, id: number, name: string) {
  await page.goto(url(`/events/${id}`));
  await visible(page.getByRole("heading", { level: 1, name }));
  await visible(page.getByRole("heading", { level: 2, name: /Book tickets|Waitlist|Your tickets|Tickets|Manage this event|A seat is yours/ }));
}

describe("an event's page shows one call to action per state", () => {
  test("on sale: one Book button; sold out: Join waitlist and no Book; the words 'sold out' once", async () => {
    const open = await insertEvent(t.db, { name: "State On Sale Talk", total_tickets: 5 });
    const full = await insertEvent(t.db, { name: "State Full House Gig", total_tickets: 1 });
    const holder = await insertUser(t.db);
    await bookAs(holder.user_id, full.id, "holder-1");
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url);

    await openEvent(page, open.id, "State On Sale Talk");
    expect(await callsToAction(page)).toEqual(["Book"]);

    await openEvent(page, full.id, "State Full House Gig");
    await visible(page.getByRole("button", { name: "Join waitlist" }));
    expect(await callsToAction(page)).toEqual(["Join waitlist"]);
    const text = await page.getByRole("main").innerText();
    expect(text.match(/sold out/gi) ?? []).toHaveLength(1); // the badge
    await expectAccessible(page, "sold-out event page");
    await screenshots(page, "event-sold-out");
  }, 90_000);

  test("holding the most tickets allowed: no quantity, no Book, 'You hold 2 of the 2 tickets'", async () => {
    const event = await insertEvent(t.db, { name: "State Limit Reached Fair", total_tickets: 10, max_tickets_per_student: 2 });
    const { page } = await browser.user();
    const student = await signedIn(page, t.db, t.server.url);
    await openEvent(page, event.id, "State Limit Reached Fair");
    await page.getByLabel("Number of tickets").selectOption("2");
    await page.getByRole("button", { name: "Book" }).click();
    await visible(page.getByText("Booked 2 tickets."));
    await visible(page.getByText(/You hold 2 of the 2 tickets allowed per student/));
    expect(await callsToAction(page)).toEqual([]);
    expect(await page.getByLabel("Number of tickets").count()).toBe(0);
    const { rows } = await t.db.owner.query("select 1 from app_public.tickets where user_id = $1 and event_id = $2", [student.userId, event.id]);
    expect(rows).toHaveLength(2);
  });

  test("sales not open yet: says when they open, offers nothing to press", async () => {
    const event = await insertEvent(t.db, { name: "State Not Open Ball", total_tickets: 10, starts_in: "20 days" });
    await t.db.owner.query("update app_public.events set sales_start = now() + interval '3 days' where id = $1", [event.id]);
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url);
    await openEvent(page, event.id, "State Not Open Ball");
    await visible(page.getByText(/^Sales open /));
    expect(await callsToAction(page)).toEqual([]);
  });

  test("after accepting a waitlist seat: only 'Seat accepted', no sold-out refusal, no Join waitlist", async () => {
    const event = await insertEvent(t.db, { name: "State Waitlist Accept Show", total_tickets: 1 });
    const holder = await insertUser(t.db);
    await bookAs(holder.user_id, event.id, "holder-w");
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url);
    await openEvent(page, event.id, "State Waitlist Accept Show");
    await page.getByRole("button", { name: "Join waitlist" }).click();
    await visible(page.getByText(/number\s*1\s*in line/));
    expect(await callsToAction(page)).toEqual([]);

    // The holder gives the seat back: the offer appears live, is accepted.
    await t.db.as(holder, (c) => c.query("select app_public.cancel_ticket(id) from app_public.tickets where user_id = $1", [holder.user_id]));
    await (await visible(page.getByRole("button", { name: "Accept" }), 5_000)).click();
    await visible(page.getByText(/Seat accepted/));
    expect(await callsToAction(page)).toEqual([]);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByText(/This event is sold out|Every seat is taken/).count()).toBe(0);
  });

  test("an admin gets Dashboard and Edit, never a Book form, and no My tickets in the navigation", async () => {
    const event = await insertEvent(t.db, { name: "State Admin View Lecture", total_tickets: 10 });
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url, "admin");
    await openEvent(page, event.id, "State Admin View Lecture");
    await visible(page.getByRole("link", { name: "Dashboard" }));
    expect(await callsToAction(page)).toEqual([]);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).count()).toBe(0);
  });
});

describe("navigation and errors follow what happens", () => {
  test("the highlighted link (aria-current) follows each navigation, in the main and the admin navigation", async () => {
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url);
    const nav = page.getByRole("navigation", { name: "Main" });
    const current = () => nav.locator("[aria-current]").allInnerTexts();
    await page.goto(url("/"));
    expect(await current()).toEqual(["Events"]);
    await nav.getByRole("link", { name: "My tickets" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "My tickets" }));
    expect(await current()).toEqual(["My tickets"]);
    expect(await nav.getByRole("link", { name: "My tickets" }).getAttribute("aria-current")).toBe("page");
    await nav.getByRole("link", { name: "Account" }).click();
    await expect.poll(current).toEqual(["Account"]);

    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await admin.page.goto(url("/admin"));
    const adminNav = admin.page.getByRole("navigation", { name: "Admin" });
    await adminNav.getByRole("link", { name: "New event" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: /New event|Create/ }));
    expect(await adminNav.locator("[aria-current]").allInnerTexts()).toEqual(["New event"]);
    expect(await admin.page.getByRole("navigation", { name: "Main" }).locator("[aria-current]").allInnerTexts()).toEqual(["Admin"]);
  });

  test("sign-up lists every field's problem at once", async () => {
    const { page } = await browser.user();
    await page.goto(url("/signup"));
    await page.getByLabel("Email").fill("not an email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    expect(await fieldError(page, "Name")).toMatch(/Name is required/);
    expect(await fieldError(page, "Email")).toMatch(/must look like name@example.edu/);
    expect(await fieldError(page, "Password")).toMatch(/8 to 72 characters/);
    await expectAccessible(page, "sign-up with three errors");
  });

  test("Categories: an error for one attempt goes once a later change succeeds", async () => {
    await t.db.owner.query("insert into app_public.categories (name) values ('Errors Clear Test') on conflict do nothing");
    await t.db.owner.query("insert into app_public.categories (name) values ('Removable Test') on conflict do nothing");
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url, "admin");
    await page.goto(url("/admin/categories"));
    await page.getByLabel("New category").fill("Errors Clear Test");
    await page.getByRole("button", { name: "Add category" }).click();
    await visible(page.getByText(/already exists/i));
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove Removable Test" }).click();
    await visible(page.getByText("Removed Removable Test."));
    expect(await page.getByText(/already exists/i).count()).toBe(0);
    await screenshots(page, "categories");
  }, 90_000);
});

describe("confirmations", () => {
  test("paying and cancelling each say what happened, in words, on My tickets", async () => {
    const event = await insertEvent(t.db, { name: "Confirm Paid Workshop", total_tickets: 5 });
    await t.db.owner.query("update app_public.events set price_cents = 1200 where id = $1", [event.id]);
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url);
    await openEvent(page, event.id, "Confirm Paid Workshop");
    await page.getByRole("button", { name: "Book" }).click();
    await visible(page.getByText(/Pay before/));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
    await page.getByRole("button", { name: "Pay" }).click();
    await visible(page.getByRole("status").filter({ hasText: /Paid \S*12\.00: your ticket for Confirm Paid Workshop is confirmed/ }));

    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: /release/i }).click();
    await visible(page.getByRole("status").filter({ hasText: /for Confirm Paid Workshop is cancelled; the seat went back on sale\. Your \S*12\.00 is being refunded\./ }));
  });
});

describe("the look", () => {
  test("'1 ticket left' in the singular; a date never wraps between day and time at 375 px", async () => {
    const event = await insertEvent(t.db, { name: "A Long Named Evening Of Chamber Music In The Old Chapel", total_tickets: 1 });
    const { page } = await browser.user({ width: 375 });
    await page.goto(url(`/events/${event.id}`));
    await visible(page.getByText(/^1 ticket left/));
    const lines = await page.evaluate<number>(`document.querySelector("main time").getClientRects().length`);
    expect(lines).toBe(1);
  });

  test("the leaderboard lists only events that sold tickets, and sits beside the list without stretching", async () => {
    const sold = await insertEvent(t.db, { name: "Leaderboard Seller", total_tickets: 10 });
    await insertEvent(t.db, { name: "Leaderboard Nobody Came", total_tickets: 10 });
    const student = await insertUser(t.db);
    await bookAs(student.user_id, sold.id, "lb-1");
    await t.db.owner.query("refresh materialized view app_public.event_leaderboard");
    const { page } = await browser.user({ width: 1280 });
    await page.goto(url("/"));
    const board = page.getByRole("complementary", { name: "Popular events" });
    await visible(board.getByRole("link", { name: "Leaderboard Seller" }));
    expect(await board.getByRole("link", { name: "Leaderboard Nobody Came" }).count()).toBe(0);
    const [boardBox, listBox] = [await board.boundingBox(), await page.locator(".event-list").boundingBox()];
    expect(boardBox!.x).toBeGreaterThan(listBox!.x + listBox!.width - 1); // beside, not below
    expect(boardBox!.height).toBeLessThan(listBox!.height);
  });

  test("the event page offers Add to calendar (the event's .ics file) and Share, which says what it did", async () => {
    const event = await insertEvent(t.db, { name: "Share And Calendar Night", total_tickets: 10 });
    const { page } = await browser.user();
    await page.goto(url(`/events/${event.id}`));
    const calendar = await visible(page.getByRole("link", { name: "Add to calendar" }));
    const href = await calendar.getAttribute("href");
    expect(href).toBe(`/events/${event.id}/calendar.ics`);
    const file = await page.request.get(url(href!));
    expect(file.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(await file.text()).toContain("SUMMARY:Share And Calendar Night");
    await page.getByRole("button", { name: "Share" }).click();
    await visible(page.getByText(/Link copied\.|Copy this link: http/));
  });

  test("/favicon.ico is an icon; /docs fits a 375 px phone", async () => {
    const icon = await fetch(url("/favicon.ico"));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/icon/);
    const { page } = await browser.user({ width: 375 });
    await page.goto(url("/docs"), { waitUntil: "domcontentloaded", timeout: 30_000 });
    await visible(page.getByText("/events/{id}/book").first(), 30_000);
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(375);
  }, 90_000);

  test("/admin, signed out, says how an admin account is made", async () => {
    const { page } = await browser.user();
    await page.goto(url("/admin"));
    await visible(page.getByText(/npm run create-admin/));
  });
});
