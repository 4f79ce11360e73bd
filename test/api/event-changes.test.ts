// An event that moves: PATCH /events/{id} (and updateEvent) with a new start tells
// every holder the new time, and the old one, in one email per holder per change,
// delivered over real SMTP by the real worker tasks: not one per ticket, not again
// when the request is repeated or a send job runs twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUsers } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { book, cancel } = flowSteps(t);
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.close());

const emailOf = async (user: Claims) =>
  (await t.db.owner.query("select email from app_public.users where id = $1", [user.user_id])).rows[0].email as string;
const moveTo = (eventId: number, datetime: string) =>
  request(t.server.url, "PATCH", `/events/${eventId}`, { token: t.adminToken, body: { datetime } });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, ".000Z");
/** "Mon 14 Dec 2026, 19:30 UTC", as the emails write a moment. */
const spoken = (iso: string) => {
  const d = new Date(iso);
  const day = d.toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" });
  const date = d.toLocaleDateString("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });
  return `${day} ${date}, ${d.toISOString().slice(11, 16)} UTC`;
};

describe("postponing an event", () => {
  it("emails each holder once per change, with the new and the old time", async () => {
    const [twoTickets, oneTicket, gaveUp, bystander] = await insertUsers(t.db, 4);
    const event = await insertEvent(t.db, { total_tickets: 10, max_tickets_per_student: 2, name: `Jazz night ${Date.now()}` });
    const before = (await t.db.owner.query("select starts_at from app_public.events where id = $1", [event.id])).rows[0].starts_at as Date;
    await book(event.id, twoTickets!);
    await book(event.id, twoTickets!);
    await book(event.id, oneTicket!);
    const given = await book(event.id, gaveUp!);
    await cancel(given.body.ticket.id, gaveUp!);
    await runJobs(t.db, smtp.mailer); // the booking confirmations
    const sentBefore = smtp.messages.length;

    const later = inDays(9);
    expect((await moveTo(event.id, later)).status).toBe(200);
    // The same request again (a retry after a lost answer): nothing changes, nothing is sent.
    expect((await moveTo(event.id, later)).status).toBe(200);
    await runJobs(t.db, smtp.mailer);
    // A send job that runs again sends nothing again.
    await t.db.owner.query(
      `select graphile_worker.add_job('send_email', json_build_object('outbox_ids', array_agg(id)))
       from app_private.outbox where dedupe_key like $1`, [`event_changed:${event.id}:%`]);
    await runJobs(t.db, smtp.mailer);

    const moved = smtp.messages.slice(sentBefore);
    const subject = `Postponed: ${event.name} is now on ${spoken(later)}`;
    expect(moved.map((m) => m.subject)).toEqual([subject, subject]);
    expect(moved.map((m) => m.to).sort()).toEqual([await emailOf(twoTickets!), await emailOf(oneTicket!)].sort());
    expect(moved[0]!.text).toContain(`When: ${spoken(later)} (was ${spoken(before.toISOString())})`);
    expect(moved[0]!.text).toContain("has been postponed");
    expect(smtp.to(await emailOf(bystander!))).toEqual([]);

    // Another change is another email, through GraphQL alike: moved earlier this time.
    const earlier = inDays(8);
    const viaGraphql = await graphql(t.server.url, "mutation ($id: Int!, $at: Datetime!) { updateEvent(input: { id: $id, startsAt: $at }) { event { id } } }",
      { id: event.id, at: earlier }, t.adminToken);
    expect(viaGraphql.body.errors).toBeUndefined();
    await runJobs(t.db, smtp.mailer);
    const again = smtp.messages.slice(sentBefore + 2);
    expect(again.map((m) => m.subject)).toEqual([
      `Moved earlier: ${event.name} is now on ${spoken(earlier)}`,
      `Moved earlier: ${event.name} is now on ${spoken(earlier)}`,
    ]);
    expect(again[0]!.text).toContain(`(was ${spoken(later)})`);
  });

  it("a new venue alone says where, and keeps the time", async () => {
    const [holder] = await insertUsers(t.db, 1);
    const event = await insertEvent(t.db);
    await book(event.id, holder!);
    await runJobs(t.db, smtp.mailer);
    const sentBefore = smtp.messages.length;
    await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { venue: "Stadium" } });
    await runJobs(t.db, smtp.mailer);
    const [mail, ...rest] = smtp.messages.slice(sentBefore);
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({ to: await emailOf(holder!), subject: `${event.name} has changed` });
    expect(mail!.text).toContain("Where: Stadium (was Main Hall)");
    expect(mail!.text).not.toContain("(was Mon");
  });
});
