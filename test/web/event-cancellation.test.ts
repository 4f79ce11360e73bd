// Calling an event off in a real browser: a club manager (and only someone who
// may) sees "Cancel event", confirms with a reason in a dialog, and the page says
// the event is cancelled and why; a student who holds a ticket, with the event's
// page open all along, sees it change without a reload, and My tickets explains.
import { describe, expect, test } from "vitest";
import { insertEvent } from "../helpers/fixtures.ts";
import { expectAccessible, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signedIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();
const url = (path = "/") => `${t.server.url}${path}`;

describe("cancelling an event", () => {
  test("a club manager cancels with a reason; the holder's open page and My tickets say so", { timeout: 90_000 }, async () => {
    const event = await insertEvent(t.db, { name: "Open-air Cinema", total_tickets: 50 });
    const { rows } = await t.db.owner.query("insert into app_public.clubs (name) values ('Film Society') returning id");
    await t.db.owner.query("update app_public.events set club_id = $2 where id = $1", [event.id, rows[0].id]);

    // The student books through the page, then keeps it open.
    const student = await browser.user();
    await signedIn(student.page, t.db, t.server.url);
    await student.page.goto(url(`/events/${event.id}`));
    await student.page.getByRole("button", { name: /^Book/ }).click();
    await visible(student.page.getByText(/You hold 1 of the 1 ticket/));
    expect(await student.page.getByRole("button", { name: "Cancel event" }).count()).toBe(0); // not theirs to cancel

    const manager = await browser.user();
    const signedInManager = await signedIn(manager.page, t.db, t.server.url);
    await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'manager')",
      [rows[0].id, signedInManager.userId]);
    await manager.page.goto(url(`/events/${event.id}`));
    await manager.page.getByRole("button", { name: "Cancel event" }).click();
    const dialog = manager.page.getByRole("dialog", { name: "Cancel Open-air Cinema?" });
    await visible(dialog);
    await screenshots(manager.page, "cancel-event-dialog");
    // Keeping it changes nothing.
    await dialog.getByRole("button", { name: "Keep the event" }).click();
    expect((await t.db.owner.query("select status from app_public.events where id = $1", [event.id])).rows[0].status).toBe("scheduled");

    await manager.page.getByRole("button", { name: "Cancel event" }).click();
    await dialog.getByLabel("Reason (students will read it)").fill("The projector broke and cannot be replaced in time.");
    await dialog.getByRole("button", { name: "Yes, cancel the event" }).click();
    await visible(manager.page.getByRole("heading", { name: "This event is cancelled" }));
    await visible(manager.page.getByText("The projector broke and cannot be replaced in time."));
    expect(await manager.page.getByRole("button", { name: "Cancel event" }).count()).toBe(0);
    await expectAccessible(manager.page, "cancelled event page");

    // The student's page, open all along, hears it and explains; no booking action is left.
    await visible(student.page.getByRole("heading", { name: "This event is cancelled" }), 5_000);
    await visible(student.page.getByText("The projector broke and cannot be replaced in time."));
    expect(await student.page.getByRole("button", { name: /^Book/ }).count()).toBe(0);
    await screenshots(student.page, "cancelled-event");

    await student.page.getByRole("link", { name: "My tickets" }).first().click();
    await visible(student.page.getByRole("heading", { name: "Cancelled by the organisers" }));
    await visible(student.page.getByText(/The event was cancelled by its organisers\. Their reason: .?The projector broke/));
    await screenshots(student.page, "my-tickets-cancelled-event");
    await expectAccessible(student.page, "my tickets after a cancellation");

    const { rows: live } = await t.db.owner.query(
      "select count(*)::int as n from app_public.tickets where event_id = $1 and status = 'confirmed'", [event.id]);
    expect(live[0].n).toBe(0);
  });
});
