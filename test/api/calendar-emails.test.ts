// Emails about an event carry its calendar file: the booking confirmation (free,
// paid, and so on), the postponement and the cancellation each attach the event's
// .ics (text/calendar; method=PUBLISH), the same entry GET /events/{id}/calendar.ics
// serves, so a calendar app adds it in one tap and later updates the same entry.
// Delivered over real SMTP by the real worker tasks and read back as a mail client would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { startSmtpCapture, type CapturedEmail, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { book, paidEvent, checkout } = flowSteps(t);
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  // As a deployment sets PUBLIC_URL for both the server and the worker (app_private.auth_settings).
  await t.db.owner.query("update app_private.auth_settings set public_url = $1", [t.server.url]);
});
afterAll(() => smtp?.close());

const emailOf = async (user: Claims) =>
  (await t.db.owner.query("select email from app_public.users where id = $1", [user.user_id])).rows[0].email as string;
/** The newest message to this student whose subject matches. */
async function lastTo(user: Claims, subject: RegExp): Promise<CapturedEmail> {
  const found = smtp.to(await emailOf(user)).filter((m) => subject.test(m.subject)).at(-1);
  if (!found) throw new Error(`no email matching ${subject}`);
  return found;
}
/** The calendar file the API serves for the event, without the moment it was made (DTSTAMP). */
const served = async (eventId: number) => withoutStamp(await (await fetch(`${t.server.url}/events/${eventId}/calendar.ics`)).text());
const withoutStamp = (ics: string) => ics.replace(/^DTSTAMP:.*\r\n/m, "");
const field = (ics: string, name: string) => new RegExp(`^${name}:(.*)\r$`, "m").exec(ics)?.[1];

function expectCalendarFile(email: CapturedEmail, eventId: number) {
  expect(email.attachments).toHaveLength(1);
  const [ics] = email.attachments;
  expect(ics).toMatchObject({ filename: `event-${eventId}.ics`, contentType: "text/calendar", params: expect.objectContaining({ method: "PUBLISH" }) });
  expect(ics!.content).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(ics!.content).toContain("METHOD:PUBLISH\r\n");
  return ics!.content;
}

describe("calendar files in emails", () => {
  it("a free booking's confirmation attaches the event's .ics, the one the API serves", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db, { name: "Robotics demo, day 1" });
    expect((await book(event.id, student)).status).toBe(201);
    await runJobs(t.db, smtp.mailer);
    const email = await lastTo(student, /^Your ticket for /);
    const ics = expectCalendarFile(email, event.id);
    expect(withoutStamp(ics)).toBe(await served(event.id));
    expect(field(ics, "UID")).toBe(`event-${event.id}@127.0.0.1`);
    expect(field(ics, "SUMMARY")).toBe("Robotics demo\\, day 1");
    expect(field(ics, "STATUS")).toBe("CONFIRMED");
    expect(email.text).toContain("Check-in code: TKT-"); // the text is still there, beside the file
  });

  it("a paid ticket's confirmation (after the provider's webhook) attaches it too", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(3, 1200);
    const { body } = await book(event.id, student);
    const pay = await request(t.server.url, "POST", `/tickets/${body.ticket.id}/pay`, { token: tokenFor(student) });
    expect((await checkout(pay.body.payment)).body.outcome).toBe("confirmed");
    await runJobs(t.db, smtp.mailer);
    expectCalendarFile(await lastTo(student, /^Your ticket for /), event.id);
  });

  it("a postponement attaches the moved entry (same UID, new DTSTART, newer SEQUENCE); a cancellation, STATUS:CANCELLED", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    // SEQUENCE counts seconds: each step below is dated a minute apart (the files are made when the emails are sent).
    const changedAgo = (minutes: number) =>
      t.db.owner.query(`update app_public.events set updated_at = now() - interval '${minutes} minutes' where id = $1`, [event.id]);
    await changedAgo(2);
    await book(event.id, student);
    await runJobs(t.db, smtp.mailer);
    const booked = expectCalendarFile(await lastTo(student, /^Your ticket for /), event.id);

    const later = new Date(Date.now() + 10 * 86_400_000);
    later.setUTCSeconds(0, 0);
    await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { datetime: later.toISOString() } });
    await changedAgo(1);
    await runJobs(t.db, smtp.mailer);
    const moved = expectCalendarFile(await lastTo(student, /^Postponed: /), event.id);
    expect(field(moved, "UID")).toBe(field(booked, "UID"));
    expect(field(moved, "DTSTART")).toBe(later.toISOString().replace(/[-:]/g, "").replace(".000", ""));
    expect(Number(field(moved, "SEQUENCE"))).toBeGreaterThan(Number(field(booked, "SEQUENCE")));

    await request(t.server.url, "POST", `/events/${event.id}/cancel`, { token: t.adminToken, body: { reason: "Storm" } });
    await runJobs(t.db, smtp.mailer);
    const cancelled = expectCalendarFile(await lastTo(student, /^Cancelled: /), event.id);
    expect(field(cancelled, "UID")).toBe(field(booked, "UID"));
    expect(field(cancelled, "STATUS")).toBe("CANCELLED");
    expect(Number(field(cancelled, "SEQUENCE"))).toBeGreaterThan(Number(field(moved, "SEQUENCE")));
  });

  it("a message about no event carries no file", async () => {
    const student = await insertUser(t.db);
    await t.db.owner.query("select app_private.enqueue_email('note', $1, $2, 'A note', 'Nothing to add to a calendar.')",
      [student.user_id, `note:${student.user_id}`]);
    await runJobs(t.db, smtp.mailer);
    expect((await lastTo(student, /^A note$/)).attachments).toEqual([]);
  });
});
