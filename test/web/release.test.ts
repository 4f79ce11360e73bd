// Fair release in the browser: an organiser sets up a waiting room in the event
// form; students wait (the countdown to the shuffle, then their place pushed
// live), the first is admitted and lets the turn lapse, the next is admitted and
// books; a lottery's winner claims and a loser reads their place in the order.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { useWebServer } from "./server.ts";
import { insertUsers } from "../helpers/fixtures.ts";
import { drawDue } from "../helpers/release.ts";
import { runJobs } from "../helpers/worker.ts";
import { screenshots, useBrowser, visible } from "./browser.ts";
import { signedIn } from "./users.ts";

// Each test walks several users through a whole sale, with axe and screenshots at two widths on the way.
const t = useWebServer();
const browser = useBrowser();
const url = (path = "/") => `${t.server.url}${path}`;

/** The datetime-local value for a moment some days ahead, at 19:30 in the browser's zone. */
function daysAhead(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:30`;
}

/** The moment of the shuffle or draw has come; the worker runs its job. */
async function drawNow(eventId: number) {
  await drawDue(t.db, eventId);
  await runJobs(t.db);
}

async function student(eventId: number) {
  const { page } = await browser.user();
  await signedIn(page, t.db, t.server.url);
  await page.goto(url(`/events/${eventId}`));
  return page;
}

const eventIdOf = (page: Page) => Number(new URL(page.url()).pathname.split("/")[3]);

describe("fair release in the browser", () => {
  test("an organiser makes a waiting room; students wait, one lapses, the next is admitted live and books", async () => {
    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await admin.page.goto(url("/admin/events/new"));
    await admin.page.getByLabel("Name", { exact: true }).fill("Battle of the Bands");
    await admin.page.getByLabel("Venue").fill("Student Union");
    await admin.page.getByLabel("Starts at").fill(daysAhead(10));
    await admin.page.getByLabel("Total tickets").fill("1");
    await admin.page.getByLabel("How seats are released").selectOption("queue");
    await admin.page.getByRole("button", { name: "Create event" }).click();
    // A queue needs the moment of its shuffle: the database says so, beside the field.
    await visible(admin.page.getByText(/A queue event needs sales_start/));
    await admin.page.getByLabel("Sales open").fill(daysAhead(2));
    await admin.page.getByLabel("Minutes to book when admitted").fill("8");
    await admin.page.getByRole("button", { name: "Create event" }).click();
    await visible(admin.page.getByRole("heading", { name: "Waiting room" }));
    await visible(admin.page.getByText(/Not drawn yet/));
    await admin.page.goto(url(`/admin/events/${eventIdOf(admin.page)}/edit`));
    await visible(admin.page.getByLabel("Minutes to book when admitted"));
    await screenshots(admin.page, "admin-event-release");
    const eventId = eventIdOf(admin.page);

    const first = await student(eventId);
    const second = await student(eventId);
    for (const page of [first, second]) {
      await page.getByRole("button", { name: "Join the queue" }).click();
      await visible(page.getByText(/You are in the queue/));
      await visible(page.getByText(/The line is shuffled in/));
    }
    await screenshots(first, "waiting-room-before-start");

    await drawNow(eventId);
    // Pushed to both pages: one is admitted, the other is first in line.
    const admitted = first.getByText(/It's your turn: book within \d+:\d\d/);
    await expect.poll(async () => (await admitted.count()) + (await second.getByText(/It's your turn/).count()), { timeout: 10_000 }).toBe(1);
    const [now, next] = (await admitted.count()) === 1 ? [first, second] : [second, first];
    await visible(now.getByText(/It's your turn: book within [78]:\d\d/));
    await visible(next.getByText(/Your place in line: 1/));
    await screenshots(now, "waiting-room-your-turn");
    await screenshots(next, "waiting-room-in-line");

    // The first lets the turn lapse: the next is admitted without reloading, and books.
    await t.db.owner.query("update app_public.queue_entries set admitted_until = now() - interval '1 second' where event_id = $1 and state = 'admitted'", [
      eventId,
    ]);
    await t.db.owner.query("select graphile_worker.add_job('release_tick', json_build_object('event_id', $1::int))", [eventId]);
    await runJobs(t.db);
    await visible(now.getByText(/Your turn passed/));
    await visible(next.getByText(/It's your turn/));
    await next.getByRole("button", { name: "Book" }).click();
    await visible(next.getByText(/You booked your ticket from the queue/));

    await admin.page.goto(url(`/admin/events/${eventId}`));
    await visible(admin.page.getByText(/Drawn .* from 2 entries/));
    await screenshots(admin.page, "admin-dashboard-queue");
  }, 180_000);

  test("a lottery: the winner claims, the loser reads their place in the order", async () => {
    const [owner] = await insertUsers(t.db, 1, "admin");
    const { rows } = await t.db.as(owner!, (c) =>
      c.query(
        `select id from app_public.create_event(name => 'Graduation Ball', venue => 'Great Hall', starts_at => now() + interval '20 days',
           total_tickets => 1, release_mode => 'lottery', lottery_closes_at => now() + interval '3 days')`,
      ),
    );
    const eventId = rows[0].id as number;
    const pages = [await student(eventId), await student(eventId)];
    for (const page of pages) {
      await page.getByRole("button", { name: "Enter the lottery" }).click();
      await visible(page.getByText(/You are in the draw/));
    }
    await screenshots(pages[0]!, "lottery-entered");

    await drawNow(eventId);
    for (const page of pages) await page.reload();
    // Each page has its result before we ask which one won (count() does not wait for the entry to load).
    for (const page of pages) await visible(page.getByText(/You won a seat|did not give you a seat/));
    const won = (await pages[0]!.getByText(/You won a seat/).count()) === 1 ? pages[0]! : pages[1]!;
    const lost = won === pages[0] ? pages[1]! : pages[0]!;
    await visible(won.getByText(/You won a seat/));
    await screenshots(won, "lottery-won");
    await won.getByRole("button", { name: "Claim my seat" }).click();
    await visible(won.getByText(/Your seat is yours/));
    await visible(lost.getByText(/You are number 2 in its order/));
    await screenshots(lost, "lottery-lost");
  }, 180_000);
});
