// A hold in SQL, from booking to either end: paid in time (settled by the
// payments webhook role) or expired (by the worker's expire_holds), as each
// role. Recording intents and refund requests: test/db/payments.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { eventsThatDoNotAddUp, insertEvent, insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const ticket = async (id: number) => (await db.owner.query("select * from app_public.tickets where id = $1", [id])).rows[0];
const remaining = async (eventId: number) =>
  (await db.owner.query("select tickets_remaining from app_public.events where id = $1", [eventId])).rows[0].tickets_remaining as number;

async function paidEvent(total = 5, price = 1500) {
  const event = await insertEvent(db, { total_tickets: total });
  await db.owner.query("update app_public.events set price_cents = $2 where id = $1", [event.id, price]);
  return event;
}
/** A student's booking of a paid event: a pending ticket. */
const hold = async (student: Claims, eventId: number) =>
  db.as(student, async (c) => (await c.query("select * from app_hidden.book_ticket($1, null)", [eventId])).rows[0]);
/** Time passes: the hold's deadline is behind us. */
const lapse = (ticketId: number) =>
  db.owner.query("update app_public.tickets set hold_expires_at = now() - interval '1 second' where id = $1", [ticketId]);
const expireHolds = async () => (await db.owner.query<{ n: number }>("select app_private.expire_holds() as n")).rows[0]!.n;

/** The payments role records an intent for the student's ticket; the webhook role settles it. */
async function payFor(student: Claims, ticketId: number, intentId: string) {
  await db.withSettings({ role: "ticketing_payments", "jwt.claims.user_id": String(student.user_id) }, (c) =>
    c.query("select app_hidden.record_payment_intent($1, $2, 'mock')", [ticketId, intentId]),
  );
}
const settle = (intentId: string, amount: number) =>
  db.withSettings({ role: "ticketing_webhook" }, async (c) =>
    (await c.query<{ outcome: string }>("select app_hidden.settle_payment($1, $2) as outcome", [intentId, amount])).rows[0]!.outcome,
  );

describe("holding a seat", () => {
  it("holds a paid seat as pending until the event's deadline, with one expiry job due then", async () => {
    const event = await paidEvent();
    const held = await hold(await insertUser(db), event.id);
    expect(held).toMatchObject({ status: "pending", price_cents: 1500, check_in_code: null });
    const { rows } = await db.owner.query(
      `select (t.hold_expires_at - t.booked_at) = make_interval(mins => e.hold_minutes) as on_time,
              j.run_at = t.hold_expires_at as job_due_then
       from app_public.tickets t join app_public.events e on e.id = t.event_id
       join graphile_worker.jobs j on j.key = 'expire_holds:' || t.id where t.id = $1`,
      [held.id],
    );
    expect(rows).toEqual([{ on_time: true, job_due_then: true }]);
    expect(await remaining(event.id)).toBe(4);
  });

  it("lets no request role expire holds or move a deadline itself", async () => {
    const student = await insertUser(db);
    const held = await hold(student, (await paidEvent()).id);
    for (const claims of [null, student, await insertUser(db, "admin")]) {
      expect(await sqlFailure(db.as(claims, (c) => c.query("select app_private.expire_holds()")))).toMatchObject({ code: "42501" });
      const moved = sqlFailure(db.as(claims, (c) => c.query("update app_public.tickets set hold_expires_at = now() + interval '1 year' where id = $1", [held.id])));
      expect(await moved).toMatchObject({ code: "42501" });
    }
    expect((await ticket(held.id)).hold_expires_at).toEqual(held.hold_expires_at);
  });
});

describe("expiry", () => {
  it("returns only holds past their deadline to sale, tells each student once, and does it once", async () => {
    const event = await paidEvent(3);
    const [late, onTime] = [await hold(await insertUser(db), event.id), await hold(await insertUser(db), event.id)];
    await lapse(late.id);

    expect(await expireHolds()).toBe(1);
    expect((await ticket(late.id)).status).toBe("expired");
    expect((await ticket(onTime.id)).status).toBe("pending");
    expect(await remaining(event.id)).toBe(2);
    const { rows } = await db.owner.query("select kind from app_private.outbox where dedupe_key = $1", [`hold_expired:${late.id}`]);
    expect(rows).toEqual([{ kind: "hold_expired" }]);

    expect(await expireHolds()).toBe(0); // the job runs again: nothing more happens
    expect(await remaining(event.id)).toBe(2);
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("never expires a confirmed ticket", async () => {
    const event = await insertEvent(db, { total_tickets: 2 });
    const free = await hold(await insertUser(db), event.id);
    expect(free.status).toBe("confirmed");
    await db.owner.query("update app_public.tickets set hold_expires_at = now() - interval '1 second' where id = $1", [free.id]);
    expect(await expireHolds()).toBe(0);
    expect((await ticket(free.id)).status).toBe("confirmed");
  });
});

describe("settlement", () => {
  it("confirms a hold paid in time, with a check-in code, once however often the provider retries", async () => {
    const student = await insertUser(db);
    const event = await paidEvent(2, 2500);
    const held = await hold(student, event.id);
    await payFor(student, held.id, `pi_hold_${held.id}`);

    expect(await sqlFailure(settle(`pi_hold_${held.id}`, 100))).toEqual({ code: "TK400", detail: "AMOUNT_MISMATCH" });
    expect(await settle(`pi_hold_${held.id}`, 2500)).toBe("confirmed");
    const paid = await ticket(held.id);
    expect(paid).toMatchObject({ status: "confirmed", hold_expires_at: null, check_in_code: expect.stringMatching(/^TKT-/) });
    expect(await settle(`pi_hold_${held.id}`, 2500)).toBe("duplicate");
    expect((await ticket(held.id)).check_in_code).toBe(paid.check_in_code);
    expect(await sqlFailure(settle("pi_unknown", 2500))).toEqual({ code: "TK404", detail: "NOT_FOUND" });
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("refunds a payment that arrives after the hold expired, without selling the seat twice", async () => {
    const student = await insertUser(db);
    const event = await paidEvent(1);
    const held = await hold(student, event.id);
    await payFor(student, held.id, `pi_late_${held.id}`);
    await lapse(held.id);
    await expireHolds();
    await hold(await insertUser(db), event.id); // the released seat is someone else's now

    expect(await settle(`pi_late_${held.id}`, 1500)).toBe("refund");
    expect((await ticket(held.id)).status).toBe("expired");
    const { rows } = await db.owner.query("select reason from app_private.refunds where intent_id = $1", [`pi_late_${held.id}`]);
    expect(rows).toEqual([{ reason: "late_payment" }]);
    expect(await eventsThatDoNotAddUp(db)).toEqual([]);
  });

  it("is for the webhook role alone: no request role may settle a payment", async () => {
    const student = await insertUser(db);
    const held = await hold(student, (await paidEvent()).id);
    await payFor(student, held.id, `pi_forged_${held.id}`);
    for (const claims of [null, student, await insertUser(db, "admin")]) {
      const forged = sqlFailure(db.as(claims, (c) => c.query("select app_hidden.settle_payment($1, 1500)", [`pi_forged_${held.id}`])));
      expect(await forged).toMatchObject({ code: "42501" });
    }
    expect((await ticket(held.id)).status).toBe("pending");
  });
});
