// The organiser console in a real browser against the real server, as a club's
// owner, a manager and a door volunteer use it, and the club as students see it.
// Clubs and roles are arranged as the owner's rows; everything tested goes
// through the pages. Each test takes 90 s at most: every screenshots() runs axe and
// two full-page captures, seconds each on a shared two-core machine.
import type { Page } from "playwright-core";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { insertPastEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { graphql } from "../helpers/app.ts";
import { fieldError, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signedIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();
const url = (path = "/") => `${t.server.url}${path}`;
let n = 0;

async function clubWith(name: string) {
  const { rows } = await t.db.owner.query("insert into app_public.clubs (name, description) values ($1, $2) returning id", [
    `${name} ${n++}`,
    "Meets every week in term; everyone is welcome.",
  ]);
  return { id: rows[0].id as number, name: `${name} ${n - 1}` };
}
async function giveRole(clubId: number, userId: number, role: "owner" | "manager" | "door") {
  await t.db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [clubId, userId, role]);
}
// A verified address, so the screenshots show the page without the verify-your-email banner (after the next load).
async function verified(userId: number) {
  await t.db.owner.query("update app_public.users set email_verified_at = now() where id = $1", [userId]);
}
async function clubEvent(clubId: number, name: string, seats = 30) {
  const { rows } = await t.db.owner.query(
    "insert into app_public.events (name, venue, starts_at, total_tickets, club_id) values ($1, 'Engineering Lab 2', now() + interval '9 days', $2, $3) returning id",
    [name, seats, clubId],
  );
  return rows[0].id as number;
}
/** Called off by its organisers (arranged as the owner's row: what cancel_event leaves). */
async function cancelled(eventId: number, reason: string) {
  await t.db.owner.query("update app_public.events set status = 'cancelled', cancelled_at = now(), cancel_reason = $2 where id = $1", [eventId, reason]);
}
async function pastClubEvent(clubId: number) {
  const past = await insertPastEvent(t.db);
  await t.db.owner.query("update app_public.events set club_id = $2 where id = $1", [past.id, clubId]);
  return past;
}
async function bookedCode(eventId: number, name = "Ada Lovelace") {
  const student = await insertUser(t.db);
  await t.db.owner.query("update app_public.users set name = $2, email_verified_at = now() where id = $1", [student.user_id, name]);
  const response = await graphql(t.server.url, "mutation ($e: Int!) { bookTicket(input: { eventId: $e }) { ticket { checkInCode } } }",
    { e: eventId }, tokenFor(student));
  const code = (response.body.data as any)?.bookTicket?.ticket?.checkInCode;
  expect(code, JSON.stringify(response.body.errors)).toBeTruthy();
  return code as string;
}
async function openMyClubs(page: Page, clubName: string) {
  await page.getByRole("link", { name: "My clubs", exact: true }).first().click();
  await visible(page.getByRole("heading", { level: 1, name: "My clubs" }));
  await page.getByRole("link", { name: clubName, exact: true }).click();
  await visible(page.getByRole("heading", { level: 1, name: clubName }));
}
const emailOf = async (userId: number) =>
  (await t.db.owner.query("select email from app_public.users where id = $1", [userId])).rows[0].email as string;

describe("a club's owner", () => {
  test("edits the club's profile; adds an account and invites an unknown address, cannot demote the last owner, changes a member's role and removes them", async () => {
    const club = await clubWith("Robotics Society");
    const owner = await browser.user();
    const me = await signedIn(owner.page, t.db, t.server.url);
    await verified(me.userId);
    await giveRole(club.id, me.userId, "owner");
    await owner.page.reload();
    await openMyClubs(owner.page, club.name);

    // The club's profile: another club's name is refused beside the field; a new description is saved.
    const other = await clubWith("Rocketry Club");
    await owner.page.getByText("Edit the club's profile").click();
    await owner.page.getByLabel("Club name").fill(other.name.toLowerCase());
    await owner.page.getByRole("button", { name: "Save profile" }).click();
    expect(await fieldError(owner.page, "Club name")).toMatch(/already called/);
    await owner.page.getByLabel("Club name").fill(club.name);
    await owner.page.getByLabel("Description").fill("Robots, soldering and a demo day every term.");
    await owner.page.getByRole("button", { name: "Save profile" }).click();
    await visible(owner.page.getByRole("status").filter({ hasText: "Saved." }));
    await screenshots(owner.page, "organiser-club-profile");
    const profile = await t.db.owner.query("select name, description from app_public.clubs where id = $1", [club.id]);
    expect(profile.rows).toEqual([{ name: club.name, description: "Robots, soldering and a demo day every term." }]);

    await owner.page.getByRole("link", { name: "Members", exact: true }).click();
    await visible(owner.page.getByRole("heading", { level: 1, name: `Members of ${club.name}` }));

    const colleague = await insertUser(t.db);
    await owner.page.getByLabel("Email", { exact: true }).fill(await emailOf(colleague.user_id));
    await owner.page.getByLabel("Role", { exact: true }).selectOption("manager");
    await owner.page.getByRole("button", { name: "Add member" }).click();
    await visible(owner.page.getByRole("status").filter({ hasText: /Added .* as manager/ }));

    await owner.page.getByLabel("Email", { exact: true }).fill("new.volunteer@example.edu");
    await owner.page.getByLabel("Role", { exact: true }).selectOption("door");
    await owner.page.getByRole("button", { name: "Add member" }).click();
    await visible(owner.page.getByRole("status").filter({ hasText: /Invited new\.volunteer@example\.edu/ }));
    await visible(owner.page.getByText("invited", { exact: true }));
    const invitation = await t.db.owner.query("select to_email from app_private.outbox where kind = 'club_invitation'");
    expect(invitation.rows).toEqual([{ to_email: "new.volunteer@example.edu" }]);
    await screenshots(owner.page, "organiser-members");

    // The owner tries to step down while the only owner: the database says no.
    const myself = `${me.name} (${me.email})`;
    await owner.page.getByLabel(`Role of ${myself}`).selectOption("manager");
    await owner.page.getByRole("button", { name: `Save role of ${myself}` }).click();
    await visible(owner.page.getByRole("alert").filter({ hasText: /at least one owner/ }));
    const { rows } = await t.db.owner.query("select role from app_public.club_memberships where club_id = $1 and user_id = $2", [club.id, me.userId]);
    expect(rows).toEqual([{ role: "owner" }]);

    // The colleague becomes door staff, then leaves the club.
    const { rows: [c] } = await t.db.owner.query("select name, email::text from app_public.users where id = $1", [colleague.user_id]);
    const them = `${c.name} (${c.email})`;
    await owner.page.getByLabel(`Role of ${them}`).selectOption("door");
    await owner.page.getByRole("button", { name: `Save role of ${them}` }).click();
    await visible(owner.page.getByRole("status").filter({ hasText: /is now door staff/ }));
    const roleOf = async () =>
      (await t.db.owner.query("select role from app_public.club_memberships where club_id = $1 and user_id = $2", [club.id, colleague.user_id])).rows;
    expect(await roleOf()).toEqual([{ role: "door" }]);
    owner.page.once("dialog", (dialog) => void dialog.accept());
    await owner.page.getByRole("button", { name: `Remove ${them}` }).click();
    await visible(owner.page.getByRole("status").filter({ hasText: /^Removed / }));
    expect(await roleOf()).toEqual([]);
    // The list is read again after the removal: the row goes once that answer is in.
    await expect.poll(() => owner.page.getByLabel(`Role of ${them}`).count()).toBe(0);
  }, 90_000);
});

describe("an admin", () => {
  test("creates a club (a taken name is refused beside the field) and adds its first owner from its Members page", async () => {
    const taken = await clubWith("Jazz Band");
    const admin = await browser.user();
    await signedIn(admin.page, t.db, t.server.url, "admin");
    await admin.page.goto(url("/admin"));
    await admin.page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Clubs" }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: "Clubs" }));
    await admin.page.getByLabel("Club name").fill(taken.name.toUpperCase());
    await admin.page.getByRole("button", { name: "Create club" }).click();
    expect(await fieldError(admin.page, "Club name")).toMatch(/already called/);

    const name = `Orchestra ${n++}`;
    await admin.page.getByLabel("Club name").fill(name);
    await admin.page.getByLabel("Description").fill("Rehearsals on Thursdays.");
    await admin.page.getByRole("button", { name: "Create club" }).click();
    await visible(admin.page.getByRole("status").filter({ hasText: `Created ${name}` }));
    await screenshots(admin.page, "admin-clubs");

    await admin.page.getByRole("link", { name: `Members of ${name}` }).click();
    await visible(admin.page.getByRole("heading", { level: 1, name: `Members of ${name}` }));
    const president = await insertUser(t.db);
    await admin.page.getByLabel("Email", { exact: true }).fill(await emailOf(president.user_id));
    await admin.page.getByLabel("Role", { exact: true }).selectOption("owner");
    await admin.page.getByRole("button", { name: "Add member" }).click();
    await visible(admin.page.getByRole("status").filter({ hasText: /as owner/ }));
    const { rows } = await t.db.owner.query(
      "select m.role from app_public.club_memberships m join app_public.clubs c on c.id = m.club_id where c.name = $1 and m.user_id = $2",
      [name, president.user_id]);
    expect(rows).toEqual([{ role: "owner" }]);
  }, 90_000);
});

describe("a club's manager", () => {
  test("creates the club's event, sees its dashboard and downloads the attendee list as CSV", async () => {
    const club = await clubWith("Film Society");
    const manager = await browser.user();
    const me = await signedIn(manager.page, t.db, t.server.url);
    await verified(me.userId);
    await giveRole(club.id, me.userId, "manager");
    const existing = await clubEvent(club.id, "Kurosawa Night");
    await bookedCode(existing, 'Zoë "Z" Ångström');
    await manager.page.reload();
    await openMyClubs(manager.page, club.name);
    await screenshots(manager.page, "organiser-club");

    await manager.page.getByRole("link", { name: "Create event" }).click();
    await visible(manager.page.getByRole("heading", { level: 1, name: "New event" }));
    await manager.page.getByLabel("Name", { exact: true }).fill("Studio Ghibli Marathon");
    await manager.page.getByLabel("Venue").fill("Lecture Theatre 1");
    const when = new Date(Date.now() + 12 * 86_400_000);
    const pad = (x: number) => String(x).padStart(2, "0");
    await manager.page.getByLabel("Starts at").fill(`${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T18:00`);
    await manager.page.getByLabel("Total tickets").fill("80");
    await manager.page.getByRole("button", { name: "Create event" }).click();
    await visible(manager.page.getByRole("heading", { level: 1, name: "Studio Ghibli Marathon" }));
    const created = await t.db.owner.query("select club_id, created_by from app_public.events where name = 'Studio Ghibli Marathon'");
    expect(created.rows).toEqual([{ club_id: club.id, created_by: me.userId }]);

    // The event's public page offers its staff the console beside booking.
    await manager.page.goto(url(`/events/${existing}`));
    const staffPanel = manager.page.getByRole("region", { name: "You help run this event" });
    await visible(staffPanel);
    await screenshots(manager.page, "event-club-staff");
    await staffPanel.getByRole("link", { name: "Dashboard" }).click();
    await visible(manager.page.getByRole("heading", { level: 1, name: "Kurosawa Night" }));
    // and back to the club's events from the dashboard.
    await manager.page.getByRole("link", { name: `← ${club.name}` }).click();
    await visible(manager.page.getByRole("heading", { level: 1, name: club.name }));

    await manager.page.goto(url(`/organiser/events/${existing}/attendees`));
    await visible(manager.page.getByRole("cell", { name: 'Zoë "Z" Ångström' }));
    await screenshots(manager.page, "organiser-attendees");
    const [download] = await Promise.all([
      manager.page.waitForEvent("download"),
      manager.page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Kurosawa-Night-attendees.csv");
    const csv = await readFile((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe('"Name","Email","Ticket","Status","Booked at (UTC)","Checked in at (UTC)"');
    expect(lines[1]).toMatch(/^"Zoë ""Z"" Ångström","[^"]+@example\.edu","\d+","confirmed",/);
  }, 90_000);

  test("finds every event of the club, a cancelled one badged with when and why and a past one as past, in sections with their counts", async () => {
    const club = await clubWith("Theatre Society");
    const manager = await browser.user({ width: 375 });
    const me = await signedIn(manager.page, t.db, t.server.url);
    await verified(me.userId);
    await giveRole(club.id, me.userId, "manager");
    await clubEvent(club.id, "Hamlet Rehearsal");
    const storm = await clubEvent(club.id, "Open-air Macbeth");
    await cancelled(storm, "Storm warning for the whole weekend");
    const past = await pastClubEvent(club.id);
    await manager.page.reload();
    await openMyClubs(manager.page, club.name);

    // Every event, each under its section's heading; the cancelled one says so, when, and why.
    const card = (name: string) => manager.page.getByRole("listitem").filter({ has: manager.page.getByRole("heading", { name }) });
    const off = await visible(card("Open-air Macbeth"));
    await visible(off.locator(".badge", { hasText: "Cancelled" }));
    await visible(off.getByText(/Cancelled on .+\. Reason: .?Storm warning for the whole weekend/));
    expect(await off.getByRole("link", { name: /^(Edit|Check-in desk)/ }).count()).toBe(0); // nothing to edit or admit any more
    await visible(off.getByRole("link", { name: "Dashboard for Open-air Macbeth" }));
    await visible(card(past.name).locator(".badge", { hasText: "Past" }));
    await visible(card("Hamlet Rehearsal").locator(".badge", { hasText: "On sale" }));
    for (const heading of ["Upcoming", "Past", "Cancelled"]) await visible(manager.page.getByRole("heading", { level: 2, name: heading, exact: true }));
    await screenshots(manager.page, "organiser-club-all-events");

    // One section at a time, its count on its button.
    await manager.page.getByRole("button", { name: "Cancelled 1" }).click();
    await visible(manager.page.getByRole("button", { name: "Cancelled 1", pressed: true }));
    await visible(card("Open-air Macbeth"));
    expect(await card("Hamlet Rehearsal").count()).toBe(0);
    expect(await card(past.name).count()).toBe(0);
    await manager.page.getByRole("button", { name: "Upcoming 1" }).click();
    await visible(card("Hamlet Rehearsal"));
    expect(await card("Open-air Macbeth").count()).toBe(0);
  }, 90_000);
});

describe("a door volunteer", () => {
  test("sees only the check-in desk of the club's events and admits a ticket; attendees, dashboard and edit form are refused, and so is another club's desk", async () => {
    const club = await clubWith("Chess Club");
    const eventId = await clubEvent(club.id, "Blitz Tournament");
    const code = await bookedCode(eventId, "Magnus Student");
    await cancelled(await clubEvent(club.id, "Rained-off Simul"), "The hall is flooded");
    const door = await browser.user({ width: 375 });
    const me = await signedIn(door.page, t.db, t.server.url);
    await verified(me.userId);
    await giveRole(club.id, me.userId, "door");
    await door.page.reload();
    await openMyClubs(door.page, club.name);
    expect(await door.page.getByRole("link", { name: /^(Dashboard|Edit|Attendees)/ }).count()).toBe(0);
    expect(await door.page.getByRole("link", { name: "Create event" }).count()).toBe(0);
    await visible(door.page.getByRole("heading", { name: "Blitz Tournament" }));
    expect(await door.page.getByText("Rained-off Simul").count()).toBe(0); // a cancelled event has no desk: not on their list
    await door.page.getByRole("link", { name: "Check-in desk for Blitz Tournament" }).click();
    await visible(door.page.getByRole("heading", { level: 1, name: "Check-in desk" }));
    await door.page.getByLabel("Ticket code").fill(code);
    await door.page.getByRole("button", { name: "Check in" }).click();
    // The holder's name, so the volunteer can tell the person in front of them holds the ticket.
    await visible(door.page.getByRole("status").filter({ hasText: /Admitted/ }).filter({ hasText: "Magnus Student" }));
    await screenshots(door.page, "organiser-door-check-in");
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1 and checked_in_at is not null", [eventId]);
    expect(rows[0].n).toBe(1);

    await door.page.goto(url(`/organiser/events/${eventId}/attendees`));
    await visible(door.page.getByRole("alert").filter({ hasText: /Only the club's owners and managers/ }));
    // The dashboard and the edit form by their addresses: the role is named and the desk offered, no form, no figures.
    for (const page of ["", "/edit"]) {
      await door.page.goto(url(`/organiser/events/${eventId}${page}`));
      await visible(door.page.getByRole("alert").filter({ hasText: `Your role in ${club.name}: Door staff` }));
      expect(await door.page.getByRole("textbox").count()).toBe(0);
      await visible(door.page.getByRole("link", { name: "Check-in desk" }));
    }

    // Another club's event: its desk opens (events are public), but the code is refused and not used up.
    const other = await clubWith("Debating Society");
    const otherEvent = await clubEvent(other.id, "Motion Night");
    const otherCode = await bookedCode(otherEvent, "Other Student");
    await door.page.goto(url(`/organiser/events/${otherEvent}/check-in`));
    await door.page.getByLabel("Ticket code").fill(otherCode);
    await door.page.getByRole("button", { name: "Check in" }).click();
    await visible(door.page.getByRole("status").filter({ hasText: /Not allowed to check in/ }));
    const admitted = await t.db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1 and checked_in_at is not null", [otherEvent]);
    expect(admitted.rows[0].n).toBe(0);
  }, 90_000);

  test("removed by the owner while at the desk: the next scan is refused and uses nothing up, and the club page says so", async () => {
    const club = await clubWith("Climbing Club");
    const eventId = await clubEvent(club.id, "Bouldering Night");
    const first = await bookedCode(eventId, "First Climber");
    const second = await bookedCode(eventId, "Second Climber");
    const door = await browser.user({ width: 375 });
    const me = await signedIn(door.page, t.db, t.server.url);
    await verified(me.userId);
    await giveRole(club.id, me.userId, "door");
    await door.page.goto(url(`/organiser/events/${eventId}/check-in`));
    await door.page.getByLabel("Ticket code").fill(first);
    await door.page.getByRole("button", { name: "Check in" }).click();
    await visible(door.page.getByRole("status").filter({ hasText: /Admitted/ }));

    // The owner removes the volunteer; the page in their hand is unchanged and its token still valid.
    await t.db.owner.query("delete from app_public.club_memberships where club_id = $1 and user_id = $2", [club.id, me.userId]);
    await door.page.getByLabel("Ticket code").fill(second);
    await door.page.getByRole("button", { name: "Check in" }).click();
    await visible(door.page.getByRole("status").filter({ hasText: /Not allowed to check in/ }));
    const { rows } = await t.db.owner.query(
      "select count(*) filter (where checked_in_at is not null)::int as admitted from app_public.tickets where event_id = $1", [eventId]);
    expect(rows[0].admitted).toBe(1);

    await door.page.goto(url(`/organiser/clubs/${club.id}`));
    await visible(door.page.getByRole("alert").filter({ hasText: /no role in this club/ }));
    expect(await door.page.getByRole("link", { name: /Check-in desk/ }).count()).toBe(0);
  }, 90_000);
});

describe("students", () => {
  test("see the club on the event card and open the club's page with its events", async () => {
    const club = await clubWith("Astronomy Club");
    await clubEvent(club.id, "Star Party on the Roof");
    const student = await browser.user();
    const me = await signedIn(student.page, t.db, t.server.url);
    await verified(me.userId);
    await student.page.goto(url("/"));
    const card = student.page.getByRole("article").filter({ hasText: "Star Party on the Roof" });
    await visible(card);
    await card.getByRole("link", { name: club.name, exact: true }).click();
    await visible(student.page.getByRole("heading", { level: 1, name: club.name }));
    await visible(student.page.getByRole("link", { name: "Star Party on the Roof" }));
    await screenshots(student.page, "club-page");
    // No role, no console link; given one while the app is open, the link appears at the next page.
    const myClubs = student.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My clubs", exact: true });
    expect(await myClubs.count()).toBe(0);
    await giveRole(club.id, me.userId, "door");
    await student.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
    await visible(myClubs);
  }, 90_000);
});
