// An admin's pages in a real browser against the real server: create an event
// (with the API's errors beside the fields) that appears on a student's open
// page; the dashboard; the check-in desk (admitted, then already admitted, then
// another event's ticket refused);
// categories. Students and tickets are arranged through fixtures and the API.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { graphql } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { fieldError, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signedIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();

const url = (path = "/") => `${t.server.url}${path}`;

/** A student books through the API; returns the ticket's check-in code. */
async function bookedTicket(eventId: number) {
  const student = await insertUser(t.db);
  const response = await graphql(
    t.server.url,
    "mutation ($input: BookTicketInput!) { bookTicket(input: $input) { ticketId status ticket { checkInCode } } }",
    { input: { eventId, idempotencyKey: `admin-test-${student.user_id}` } },
    tokenFor(student),
  );
  const booked = (response.body.data as any)?.bookTicket;
  expect(booked?.status, JSON.stringify(response.body.errors)).toBe("confirmed");
  return booked.ticket.checkInCode as string;
}

/** The datetime-local value for a moment some days ahead, at 19:30 in the browser's zone. */
function daysAhead(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:30`;
}

async function openAdmin(page: Page) {
  await page.getByRole("link", { name: "Admin", exact: true }).first().click();
  await visible(page.getByRole("heading", { level: 1, name: "Events" }));
}

describe("an admin in the browser", () => {
  test("creates an event (errors beside the fields first) and it appears on a student's open page without reload", async () => {
    await insertEvent(t.db, { name: "Existing Poetry Slam", total_tickets: 25 });
    const student = await browser.user();
    await signedIn(student.page, t.db, t.server.url);
    await student.page.goto(url("/"));
    await visible(student.page.getByRole("link", { name: "Existing Poetry Slam" }));

    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await openAdmin(admin.page);
    await screenshots(admin.page, "admin-events");
    await admin.page.getByRole("link", { name: "Create event" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: "New event" }));

    await admin.page.getByLabel("Name", { exact: true }).fill("Chess Championship Final");
    await admin.page.getByLabel("Venue").fill("Library Hall");
    await admin.page.getByLabel("Starts at").fill(daysAhead(10));
    await admin.page.getByLabel("Total tickets").fill("0");
    await admin.page.getByRole("button", { name: "Create event" }).click();
    expect(await fieldError(admin.page, "Total tickets")).toMatch(/between 1 and 100000|at least 1/i);
    await screenshots(admin.page, "admin-new-event-error");
    expect((await t.db.owner.query("select 1 from app_public.events where name = 'Chess Championship Final'")).rowCount).toBe(0);

    await admin.page.getByLabel("Total tickets").fill("40");
    await admin.page.getByRole("button", { name: "Create event" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: "Chess Championship Final" }));
    const { rows } = await t.db.owner.query("select venue, total_tickets from app_public.events where name = 'Chess Championship Final'");
    expect(rows).toEqual([{ venue: "Library Hall", total_tickets: 40 }]);

    // The student's list, open all along, shows the new event.
    await visible(student.page.getByRole("link", { name: "Chess Championship Final" }), 5_000);
  });

  test("edits an event with Save, and the student's event page shows the change", async () => {
    const event = await insertEvent(t.db, { name: "Movie Night", total_tickets: 60 });
    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await admin.page.goto(url(`/admin/events/${event.id}/edit`));
    await visible(admin.page.getByRole("heading", { level: 1, name: /Edit Movie Night/ }));
    await admin.page.getByLabel("Venue").fill("Open-air Cinema");
    await admin.page.getByRole("button", { name: "Save" }).click();
    await visible(admin.page.getByText("Saved."));
    await screenshots(admin.page, "admin-edit-event");
    const student = await browser.user();
    await signedIn(student.page, t.db, t.server.url);
    await student.page.goto(url(`/events/${event.id}`));
    await visible(student.page.getByText("Open-air Cinema"));
  });

  test("checks a ticket in at the desk; a second scan says already admitted; another event's ticket is the wrong event; an unknown code is not a valid ticket", async () => {
    const event = await insertEvent(t.db, { name: "Graduation Party", total_tickets: 50 });
    const code = await bookedTicket(event.id);
    await bookedTicket(event.id);
    const otherCode = await bookedTicket((await insertEvent(t.db, { name: "Freshers Ball", total_tickets: 5 })).id);
    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await openAdmin(admin.page);
    await admin.page.getByRole("link", { name: "Check-in desk for Graduation Party" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: "Check-in desk" }));

    const desk = admin.page;
    const answer = desk.getByRole("status").filter({ hasText: /admitted|valid|wrong event|could not/i });
    await desk.getByLabel("Ticket code").fill(code);
    await desk.getByRole("button", { name: "Check in" }).click();
    await visible(answer.filter({ hasText: /^\s*✓?\s*Admitted/ }));
    await screenshots(desk, "check-in-admitted");

    await desk.getByLabel("Ticket code").fill(code);
    await desk.getByRole("button", { name: "Check in" }).click();
    await visible(answer.filter({ hasText: /Already admitted at \d{1,2}:\d{2}/ }));
    await screenshots(desk, "check-in-already");

    await desk.getByLabel("Ticket code").fill(otherCode);
    await desk.getByRole("button", { name: "Check in" }).click();
    await visible(answer.filter({ hasText: /Wrong event.*for another event: Freshers Ball/s }));

    await desk.getByLabel("Ticket code").fill("TKT-000000000000000000000000");
    await desk.getByRole("button", { name: "Check in" }).click();
    await visible(answer.filter({ hasText: /Not a valid ticket/ }));
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.tickets where checked_in_at is not null");
    expect(rows[0].n).toBe(1);

    // The dashboard counts the check-in and draws the sales chart.
    await desk.getByRole("link", { name: "Dashboard" }).first().click();
    await visible(desk.getByRole("heading", { level: 1, name: "Graduation Party" }));
    await visible(desk.getByRole("img").filter({ has: desk.locator("xpath=self::canvas") }));
    await visible(desk.getByText(/Checked in/));
    await screenshots(desk, "admin-dashboard");
  });

  test("finds a cancelled event in Events, badged with when and why, in the Cancelled section and beside the live ones", async () => {
    const live = await insertEvent(t.db, { name: "Spring Ball", total_tickets: 80 });
    const off = await insertEvent(t.db, { name: "Regatta on the Lake", total_tickets: 120, starts_in: "4 days" });
    await graphql(t.server.url, "mutation ($id: Int!) { cancelEvent(input: { eventId: $id, reason: \"The lake froze over\" }) { event { id } } }",
      { id: off.id }, tokenFor(await insertUser(t.db, "admin")));
    expect((await t.db.owner.query("select status from app_public.events where id = $1", [off.id])).rows[0].status).toBe("cancelled");
    const admin = await browser.user({ width: 375 });
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await openAdmin(admin.page);

    const card = (name: string) => admin.page.getByRole("listitem").filter({ has: admin.page.getByRole("heading", { name }) });
    const cancelledCard = await visible(card("Regatta on the Lake"));
    await visible(cancelledCard.locator(".badge", { hasText: "Cancelled" }));
    await visible(cancelledCard.getByText(/Cancelled on .+\. Reason: .?The lake froze over/));
    await visible(card(live.name));
    await admin.page.getByRole("button", { name: /^Cancelled \d+$/ }).click();
    await visible(admin.page.getByRole("button", { name: /^Cancelled/, pressed: true }));
    await visible(card("Regatta on the Lake"));
    expect(await card(live.name).count()).toBe(0);
    await screenshots(admin.page, "admin-events-cancelled");
  });

  test("manages categories: add, rename, remove", async () => {
    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await openAdmin(admin.page);
    await admin.page.getByRole("link", { name: "Categories" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: "Categories" }));
    await admin.page.getByLabel("New category").fill("Music");
    await admin.page.getByRole("button", { name: "Add category" }).click();
    await visible(admin.page.getByLabel("Rename Music"));
    await admin.page.getByLabel("Rename Music").fill("Live Music");
    await admin.page.getByRole("button", { name: "Save name of Music" }).click();
    await visible(admin.page.getByLabel("Rename Live Music"));
    await screenshots(admin.page, "admin-categories");
    // Remove asks first (the browser's confirm): dismissed keeps it, accepted removes it.
    const names = async () => (await t.db.owner.query("select name from app_public.categories order by id")).rows.map((r) => r.name);
    const asked: string[] = [];
    admin.page.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.dismiss()));
    await admin.page.getByRole("button", { name: "Remove Live Music" }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(await names()).toContain("Live Music");
    admin.page.once("dialog", (dialog) => dialog.accept());
    await admin.page.getByRole("button", { name: "Remove Live Music" }).click();
    await expect.poll(names, { timeout: 5_000 }).not.toContain("Live Music");
    await admin.page.getByLabel("Rename Live Music").waitFor({ state: "detached" });
  });
});
