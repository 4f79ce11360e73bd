// Clubs through REST, as a club president, a door volunteer and the IT office
// use them: creating clubs, members and invitations (mailed over real SMTP),
// events that show their club, the attendee list as JSON and as CSV, and rights
// that change at once. Production mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { signUp } from "../helpers/accounts.ts";
import { insertUser, tokenFor } from "../helpers/fixtures.ts";
import { linkToken, startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer({ production: true });
let smtp: SmtpCapture;
let n = 0;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.close());

const call = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) =>
  request(t.server.url, method, path, { token, body, headers });

/** A club made by the admin, with a fresh owner account (added by email, as the console does). */
async function clubWithOwner() {
  const created = await call("POST", "/clubs", t.adminToken, { name: `Society ${process.pid}-${n++}`, description: "We meet on Tuesdays." });
  expect(created.status).toBe(201);
  const owner = await insertUser(t.db, "student");
  const email = await emailOf(owner);
  expect((await call("POST", `/clubs/${created.body.club.id}/members`, t.adminToken, { email, role: "owner" })).status).toBe(201);
  return { club: created.body.club as { id: number; name: string }, owner, ownerToken: tokenFor(owner) };
}
const emailOf = async (user: Claims) =>
  (await t.db.owner.query("select email from app_public.users where id = $1", [user.user_id])).rows[0].email as string;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe("clubs", () => {
  it("are created by admins with a unique name (409 CLUB_NAME_TAKEN, whatever the case), listed and shown to anyone", async () => {
    const { club } = await clubWithOwner();
    expect(club).toMatchObject({ name: expect.any(String), description: "We meet on Tuesdays.", created_at: expect.stringMatching(/Z$/) });
    const again = await call("POST", "/clubs", t.adminToken, { name: club.name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CLUB_NAME_TAKEN", field: "name" });
    const list = await call("GET", "/clubs?limit=100");
    expect(list.body.clubs.map((c: { id: number }) => c.id)).toContain(club.id);
    expect((await call("GET", `/clubs/${club.id}`)).body).toEqual({ club, events: [] });
    expect((await call("GET", "/clubs/999999")).status).toBe(404);
    expect((await call("POST", "/clubs", t.adminToken, { name: "" })).body.error).toMatchObject({ code: "INVALID_INPUT", field: "name" });
  });

  it("run their own events: the event shows its club, lists filter by club, and the club page lists its upcoming events", async () => {
    const { club, owner } = await clubWithOwner();
    const manager = await insertUser(t.db);
    await call("POST", `/clubs/${club.id}/members`, tokenFor(owner), { email: await emailOf(manager), role: "manager" });
    const created = await call("POST", "/events", tokenFor(manager), {
      name: "Robot demo day", venue: "Lab 1", datetime: inAWeek(), total_tickets: 40, club_id: club.id,
    });
    expect(created.status).toBe(201);
    expect(created.body.event).toMatchObject({ club_id: club.id, club: { id: club.id, name: club.name } });
    const mine = await call("GET", `/events?club_id=${club.id}`);
    expect(mine.body.events.map((e: { id: number }) => e.id)).toEqual([created.body.event.id]);
    const profile = await call("GET", `/clubs/${club.id}`);
    expect(profile.body.events.map((e: { name: string }) => e.name)).toEqual(["Robot demo day"]);
    // Existing events stay club-less, run by the admins.
    const adminEvent = await call("POST", "/events", t.adminToken, { name: "Freshers' fair", venue: "Quad", datetime: inAWeek(), total_tickets: 5 });
    expect(adminEvent.body.event).toMatchObject({ club_id: null, club: null });
    expect((await call("PATCH", `/events/${adminEvent.body.event.id}`, tokenFor(manager), { venue: "Gym" })).status).toBe(403);
    // A club that does not exist is named as the field at fault.
    const nowhere = await call("PATCH", `/events/${created.body.event.id}`, t.adminToken, { club_id: 999999 });
    expect(nowhere.body.error).toMatchObject({ code: "INVALID_INPUT", field: "club_id" });
  });
});

describe("members", () => {
  it("an owner adds an account (active), changes its role and removes it; the removed member's next request is refused", async () => {
    const { club, ownerToken } = await clubWithOwner();
    const event = await call("POST", "/events", ownerToken, { name: "Chess night", venue: "Room 2", datetime: inAWeek(), total_tickets: 20, club_id: club.id });
    const person = await insertUser(t.db);
    const added = await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: (await emailOf(person)).toUpperCase(), role: "manager" });
    expect(added.status).toBe(201);
    expect(added.body.member).toEqual({ user_id: person.user_id, name: expect.any(String), email: await emailOf(person), role: "manager", status: "active" });
    const token = tokenFor(person);
    expect((await call("GET", "/me/clubs", token)).body.clubs).toEqual([expect.objectContaining({ id: club.id, role: "manager" })]);
    expect((await call("PATCH", `/events/${event.body.event.id}`, token, { venue: "Room 3" })).status).toBe(200);

    const demoted = await call("PATCH", `/clubs/${club.id}/members/${person.user_id}`, ownerToken, { role: "door" });
    expect(demoted.body.member.role).toBe("door");
    expect((await call("PATCH", `/events/${event.body.event.id}`, token, { venue: "Room 4" })).body.error.code).toBe("FORBIDDEN");

    expect((await call("DELETE", `/clubs/${club.id}/members/${person.user_id}`, ownerToken)).status).toBe(204);
    const members = await call("GET", `/clubs/${club.id}/members`, ownerToken);
    expect(members.body.members.map((m: { user_id: number }) => m.user_id)).not.toContain(person.user_id);
    const code = (await t.db.owner.query(
      "insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code()) returning check_in_code",
      [event.body.event.id, (await insertUser(t.db)).user_id])).rows[0].check_in_code;
    const refused = await call("POST", "/check-in", token, { code, event_id: event.body.event.id });
    expect(refused.status).toBe(403);
    expect((await call("GET", "/me/clubs", token)).body.clubs).toEqual([]);
  });

  it("a club always keeps an owner (409 LAST_OWNER)", async () => {
    const { club, owner, ownerToken } = await clubWithOwner();
    const demote = await call("PATCH", `/clubs/${club.id}/members/${owner.user_id}`, ownerToken, { role: "manager" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("LAST_OWNER");
    expect((await call("DELETE", `/clubs/${club.id}/members/${owner.user_id}`, t.adminToken)).body.error.code).toBe("LAST_OWNER");
  });

  it("refuses a bad role or email, naming the field, and a member twice", async () => {
    const { club, ownerToken } = await clubWithOwner();
    const role = await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: "a@example.edu", role: "president" });
    expect(role.body.error).toMatchObject({ code: "INVALID_INPUT", field: "role" });
    const email = await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: "nobody", role: "door" });
    expect(email.body.error).toMatchObject({ code: "INVALID_INPUT", field: "email" });
    const person = await insertUser(t.db);
    await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: await emailOf(person), role: "door" });
    const twice = await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: await emailOf(person), role: "door" });
    expect(twice.body.error.code).toBe("ALREADY_MEMBER");
    expect((await call("PATCH", `/clubs/${club.id}/members/abc`, ownerToken, { role: "door" })).status).toBe(400);
    expect((await call("PATCH", `/clubs/${club.id}/members/999999`, ownerToken, { role: "door" })).status).toBe(404);
  });

  it("an unknown address gets an invitation email and becomes a member once it signs up and confirms the address", async () => {
    const { club, ownerToken } = await clubWithOwner();
    const address = `newcomer-${process.pid}-${n++}@example.edu`;
    const invited = await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: address, role: "door" });
    expect(invited.status).toBe(201);
    expect(invited.body.member).toEqual({ user_id: null, name: null, email: address, role: "door", status: "invited" });
    await runJobs(t.db, smtp.mailer);
    const [invitation] = smtp.to(address);
    expect(invitation?.subject).toBe(`You are invited to help run ${club.name}`);
    expect(invitation?.text).toContain("/signup");

    const account = await signUp(t.server.url, address);
    expect((await call("GET", "/me/clubs", account.token)).body.clubs).toEqual([]);
    await runJobs(t.db, smtp.mailer);
    const verify = smtp.to(address).find((m) => m.subject === "Confirm your email address")!;
    expect((await call("POST", "/verify-email", undefined, { token: linkToken(verify, "/verify-email") })).status).toBe(200);
    expect((await call("GET", "/me/clubs", account.token)).body.clubs).toEqual([expect.objectContaining({ id: club.id, role: "door" })]);
    const members = await call("GET", `/clubs/${club.id}/members`, ownerToken);
    expect(members.body.members).toContainEqual(expect.objectContaining({ user_id: account.user.id, email: address, status: "active" }));
  });

  it("an invitation can be withdrawn", async () => {
    const { club, ownerToken } = await clubWithOwner();
    await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: "maybe@example.edu", role: "manager" });
    expect((await call("DELETE", `/clubs/${club.id}/invitations/maybe@example.edu`, ownerToken)).status).toBe(204);
    expect((await call("GET", `/clubs/${club.id}/members`, ownerToken)).body.members.map((m: { email: string }) => m.email))
      .not.toContain("maybe@example.edu");
  });
});

describe("the attendee list", () => {
  it("answers JSON a page at a time and CSV a spreadsheet opens: UTF-8 with BOM, header row, every field quoted, formulas defused", async () => {
    const { club, ownerToken } = await clubWithOwner();
    const event = (await call("POST", "/events", ownerToken, { name: "Gala", venue: "Hall", datetime: inAWeek(), total_tickets: 10, club_id: club.id })).body.event;
    const names = ['Zoë "Z" Ångström, PhD', "=HYPERLINK(\"http://evil\")", "Ann"];
    for (const name of names) {
      const user = await insertUser(t.db);
      await t.db.owner.query("update app_public.users set name = $2 where id = $1", [user.user_id, name]);
      await t.db.owner.query(
        "insert into app_public.tickets (event_id, user_id, check_in_code) values ($1, $2, app_private.new_check_in_code())",
        [event.id, user.user_id],
      );
    }
    const json = await call("GET", `/events/${event.id}/attendees?limit=2`, ownerToken);
    expect(json.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(json.body.attendees.map((a: { name: string }) => a.name)).toEqual(["=HYPERLINK(\"http://evil\")", "Ann"]);

    const response = await fetch(`${t.server.url}/events/${event.id}/attendees`, {
      headers: { authorization: `Bearer ${ownerToken}`, accept: "text/csv" },
    });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="event-${event.id}-attendees.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe('"Name","Email","Ticket","Status","Booked at (UTC)","Checked in at (UTC)"');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)","[^"]+","\d+","confirmed","\d{4}-\d\d-\d\dT[\d:.]+Z",""$/);
    expect(lines[3]).toMatch(/^"Zoë ""Z"" Ångström, PhD",/);
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(5);
  });

  it("is refused to door staff (403) and answers 404 for an event that does not exist", async () => {
    const { club, ownerToken } = await clubWithOwner();
    const event = (await call("POST", "/events", ownerToken, { name: "Quiz", venue: "Bar", datetime: inAWeek(), total_tickets: 10, club_id: club.id })).body.event;
    const door = await insertUser(t.db);
    await call("POST", `/clubs/${club.id}/members`, ownerToken, { email: await emailOf(door), role: "door" });
    const refused = await call("GET", `/events/${event.id}/attendees`, tokenFor(door), undefined, { accept: "text/csv" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect((await call("GET", "/events/999999/attendees", ownerToken)).status).toBe(404);
  });
});
