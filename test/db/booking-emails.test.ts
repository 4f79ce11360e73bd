// Booking confirmation emails, as the database queues them: at most one per
// student and event within the window (throttle_rules.booking_confirmation_emails),
// however often the student books and cancels, on every path that confirms a
// ticket. And expired throttle counters are pruned, live ones kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { applyThrottleRules } from "../../src/db/throttle-rules.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const call = async (claims: Claims, sql: string, params: unknown[] = []) => db.as(claims, async (c) => (await c.query(sql, params)).rows);
const book = async (student: Claims, eventId: number) => (await call(student, "select * from app_hidden.book_ticket($1)", [eventId]))[0];
const cancel = (student: Claims, ticketId: number) => call(student, "select app_public.cancel_ticket($1)", [ticketId]);
const confirmations = async (student: Claims) =>
  (
    await db.owner.query("select count(*)::int as n from app_private.outbox where user_id = $1 and kind = 'booking_confirmed'", [
      student.user_id,
    ])
  ).rows[0].n as number;

describe("booking confirmation emails", () => {
  it("go out once per student and event within the window, however often they book and cancel", async () => {
    const student = await insertUser(db);
    const [first, second] = [await insertEvent(db), await insertEvent(db)];
    for (let i = 0; i < 10; i++) await cancel(student, (await book(student, first.id)).id);
    expect(await confirmations(student)).toBe(1);
    await book(student, second.id); // another event: its own confirmation
    expect(await confirmations(student)).toBe(2);
    // Another student booking the same event is not affected.
    const other = await insertUser(db);
    await book(other, first.id);
    expect(await confirmations(other)).toBe(1);
  });

  it("go out again once the window has passed, and the window is a setting (BOOKING_EMAIL_WINDOW_MINUTES)", async () => {
    const student = await insertUser(db);
    const event = await insertEvent(db);
    await cancel(student, (await book(student, event.id)).id);
    await db.owner.query("update app_public.tickets set confirmed_at = confirmed_at - interval '61 minutes' where user_id = $1", [student.user_id]);
    const again = await book(student, event.id);
    expect(await confirmations(student)).toBe(2);
    await cancel(student, again.id);

    await applyThrottleRules(db.ownerUrl, { BOOKING_EMAIL_WINDOW_MINUTES: 1 }); // as the server does at start
    try {
      const { rows } = await db.owner.query("select per::text from app_private.throttle_rules where rule = 'booking_confirmation_emails'");
      expect(rows[0].per).toBe("00:01:00");
      await db.owner.query("update app_public.tickets set confirmed_at = confirmed_at - interval '2 minutes' where user_id = $1", [student.user_id]);
      await book(student, event.id);
      expect(await confirmations(student)).toBe(3);
    } finally {
      await applyThrottleRules(db.ownerUrl, { BOOKING_EMAIL_WINDOW_MINUTES: 60 });
    }
  });

  it("go out once for two tickets booked in one batch", async () => {
    const student = await insertUser(db);
    const event = await insertEvent(db, { max_tickets_per_student: 2 });
    const batch = JSON.stringify([student, student].map((s) => ({ user_id: s.user_id, role: "student" })));
    const answer = await db.withSettings({ role: "ticketing_booker" }, async (c) =>
      (await c.query("select app_hidden.book_tickets($1, $2, $3) as a", [event.id, batch, "[null, null]"])).rows[0].a,
    );
    expect(answer.results.map((r: { ticket: { status: string } }) => r.ticket.status)).toEqual(["confirmed", "confirmed"]);
    expect(await confirmations(student)).toBe(1);
  });

  it("follow the same rule when a paid hold is confirmed", async () => {
    const student = await insertUser(db);
    const event = await insertEvent(db);
    await db.owner.query("update app_public.events set price_cents = 500 where id = $1", [event.id]);
    for (let i = 0; i < 3; i++) {
      const held = await book(student, event.id);
      expect(held.status).toBe("pending");
      await db.owner.query("select app_private.confirm_ticket($1)", [held.id]); // what a settled payment does
      await cancel(student, held.id);
    }
    expect(await confirmations(student)).toBe(1);
  });
});

describe("throttle counters", () => {
  it("are pruned once their window is over, and kept while it lasts", async () => {
    await db.owner.query(`
      insert into app_private.throttle_counters (rule, subject, window_started_at, hits) values
        ('sign_in_failures_per_email', 'old@example.edu from 192.0.2.1', now() - interval '16 minutes', 3),
        ('sign_in_failures_per_email', 'new@example.edu from 192.0.2.1', now() - interval '14 minutes', 3),
        ('signups_per_address', '192.0.2.1', now() - interval '61 minutes', 9)`);
    const { rows } = await db.owner.query("select app_private.prune_throttle_counters() as pruned");
    expect(rows[0].pruned).toBeGreaterThanOrEqual(2);
    const left = await db.owner.query("select subject from app_private.throttle_counters where subject like '%192.0.2.1%' order by 1");
    expect(left.rows).toEqual([{ subject: "new@example.edu from 192.0.2.1" }]);
  });
});
