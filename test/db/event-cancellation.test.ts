// Calling an event off, in SQL (db/schema/cancellation.sql): who may (each actor as
// the real request role), what one cancellation does in its one transaction
// (tickets, refunds, waitlist, emails, the availability message), what it refuses
// afterwards, and that the refunds reach the provider once, however often a job runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Claims } from "../../src/auth/jwt.ts";
import { log } from "../../src/log.ts";
import { MockPaymentProvider } from "../../src/payments/mock-provider.ts";
import type { PaymentProvider } from "../../src/payments/provider.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { addClubMember, insertClub, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

let db: TestDatabase;
const actors: Record<string, Claims | null> = {};
let clubA = 0;
let clubB = 0;

async function insertEvent(fields: { club?: number | null; price?: number; total?: number } = {}) {
  const { rows } = await db.owner.query(
    `insert into app_public.events (name, venue, starts_at, total_tickets, club_id, price_cents, sales_end)
     values ('Open-air concert', 'Quad', now() + interval '7 days', $1, $2, $3, now() + interval '6 days') returning id`,
    [fields.total ?? 10, fields.club ?? null, fields.price ?? 0],
  );
  return rows[0].id as number;
}
const cancel = (claims: Claims | null, eventId: number, reason: string | null = "Storm warning for the whole weekend") =>
  db.as(claims, async (c) => (await c.query("select * from app_public.cancel_event($1, $2)", [eventId, reason])).rows[0]);
const eventRow = async (id: number) => (await db.owner.query("select * from app_public.events where id = $1", [id])).rows[0];

beforeAll(async () => {
  db = await createTestDatabase();
  clubA = await insertClub(db, "Open Air Society");
  clubB = await insertClub(db, "Chess Club");
  actors.anonymous = null;
  actors.student = await insertUser(db);
  actors.admin = await insertUser(db, "admin");
  for (const role of ["door", "manager", "owner"] as const) {
    actors[`${role} of A`] = await insertUser(db);
    await addClubMember(db, clubA, actors[`${role} of A`]!, role);
  }
  actors["manager of B"] = await insertUser(db);
  await addClubMember(db, clubB, actors["manager of B"]!, "manager");
});
afterAll(() => db?.drop());

describe("who may cancel an event", () => {
  const clubEvent = ["manager of A", "owner of A", "admin"];
  it.each(["anonymous", "student", "door of A", "manager of A", "owner of A", "manager of B", "admin"])("of club A, as %s", async (actor) => {
    const eventId = await insertEvent({ club: clubA });
    const outcome = await sqlFailure(cancel(actors[actor]!, eventId));
    if (clubEvent.includes(actor)) {
      expect(outcome).toBeUndefined();
      expect(await eventRow(eventId)).toMatchObject({ status: "cancelled", cancel_reason: "Storm warning for the whole weekend" });
    } else {
      // Anonymous callers have no grant (the API's 401); everyone else is refused by the club rule.
      expect(outcome).toMatchObject(actor === "anonymous" ? { code: "42501" } : { code: "TK403", detail: "FORBIDDEN" });
      expect(await eventRow(eventId)).toMatchObject({ status: "scheduled", cancelled_at: null, cancel_reason: null });
    }
  });

  it("of no club: admins only", async () => {
    const eventId = await insertEvent();
    for (const actor of ["student", "manager of A", "owner of A"]) {
      expect(await sqlFailure(cancel(actors[actor]!, eventId))).toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
    }
    expect(await sqlFailure(cancel(actors.admin!, eventId))).toBeUndefined();
  });

  it("a missing event is NOT_FOUND for anyone signed in", async () => {
    expect(await sqlFailure(cancel(actors.student!, 2_000_000_000))).toMatchObject({ code: "TK404", detail: "NOT_FOUND" });
  });
});

describe("the reason", () => {
  it.each([
    [null, "INVALID_INPUT"],
    ["   ", "INVALID_INPUT"],
    ["x".repeat(501), "INVALID_INPUT"],
  ])("%j is refused, and nothing changes", async (reason, code) => {
    const eventId = await insertEvent();
    const failure = await db.as(actors.admin!, (c) => c.query("select app_public.cancel_event($1, $2)", [eventId, reason])).catch((e) => e);
    expect(failure).toMatchObject({ code: "TK400", detail: code, hint: "reason" });
    expect((await eventRow(eventId)).status).toBe("scheduled");
  });

  it("is kept trimmed", async () => {
    const eventId = await insertEvent();
    await cancel(actors.admin!, eventId, "  Venue flooded  ");
    expect((await eventRow(eventId)).cancel_reason).toBe("Venue flooded");
  });
});

/** A paid event with one of each: paid ticket, unpaid hold (with an open intent), offered seat, a waiting student, a ticket cancelled earlier. */
async function busyPaidEvent() {
  const eventId = await insertEvent({ club: clubA, price: 1500, total: 4 });
  const [paid, paidTwice, holding, offered, waiting, leftEarlier] = await insertUsers(db, 6);
  const ticket = async (user: Claims, fields: string, values: string) =>
    (await db.owner.query(`insert into app_public.tickets (event_id, user_id, price_cents, ${fields}) values ($1, $2, 1500, ${values}) returning id`,
      [eventId, user.user_id])).rows[0].id as number;
  const paidTicket = await ticket(paid!, "status, paid_at, check_in_code", "'confirmed', now(), app_private.new_check_in_code()");
  const paidTicket2 = await ticket(paidTwice!, "status, paid_at, check_in_code", "'confirmed', now(), app_private.new_check_in_code()");
  const heldTicket = await ticket(holding!, "status, hold_expires_at", "'pending', now() + interval '10 minutes'");
  const offeredTicket = await ticket(offered!, "status, hold_expires_at", "'offered', now() + interval '10 minutes'");
  const earlier = await ticket(leftEarlier!, "status, paid_at, check_in_code, cancelled_at", "'cancelled', now(), null, now()");
  await db.owner.query(
    `insert into app_private.payments (intent_id, ticket_id, amount_cents, status) values
       ($1, $2, 1500, 'succeeded'), ($3, $4, 1500, 'succeeded'), ($5, $6, 1500, 'created'), ($7, $8, 1500, 'refunded')`,
    [`pi_paid_${paidTicket}`, paidTicket, `pi_paid_${paidTicket2}`, paidTicket2, `pi_open_${heldTicket}`, heldTicket, `pi_earlier_${earlier}`, earlier],
  );
  await db.owner.query(
    `insert into app_public.waitlist_entries (event_id, user_id, status, ticket_id, offered_at) values
       ($1, $2, 'offered', $3, now()), ($1, $4, 'waiting', null, null)`,
    [eventId, offered!.user_id, offeredTicket, waiting!.user_id],
  );
  await db.owner.query("update app_public.events set tickets_remaining = 0 where id = $1", [eventId]);
  return { eventId, users: { paid: paid!, paidTwice: paidTwice!, holding: holding!, offered: offered!, waiting: waiting!, leftEarlier: leftEarlier! },
    tickets: { paidTicket, paidTicket2, heldTicket, offeredTicket } };
}

describe("one cancellation, in one transaction", () => {
  it("cancels every live ticket, refunds each paid one once, closes the waitlist, emails each student once, tells every watcher", async () => {
    const { eventId, users, tickets } = await busyPaidEvent();
    const listener = new pg.Client({ connectionString: db.ownerUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query(`listen "ticketing:event:${eventId}"`);
    try {
      const event = await cancel(actors["manager of A"]!, eventId, "The headliner is ill");
      expect(event).toMatchObject({ id: eventId, status: "cancelled", cancel_reason: "The headliner is ill", cancelled_at: expect.any(Date) });
      await listener.query("select 1"); // a round trip after the commit: its notification has arrived
      expect(heard.map((p) => JSON.parse(p))).toEqual([expect.objectContaining({ event_id: eventId, sales_state: "cancelled", tickets_remaining: 4, sold_out: false })]);
    } finally {
      await listener.end();
    }

    const { rows: live } = await db.owner.query(
      "select id from app_public.tickets where event_id = $1 and status in ('pending', 'offered', 'confirmed')", [eventId]);
    expect(live).toEqual([]);
    const { rows: refunds } = await db.owner.query(
      `select p.ticket_id, r.reason, r.amount_cents from app_private.refunds r join app_private.payments p using (intent_id)
       where p.ticket_id = any($1) order by p.ticket_id`,
      [Object.values(tickets)],
    );
    // The two paid tickets; the open intent of the hold is not money yet (it is refunded if it ever lands).
    expect(refunds).toEqual([
      { ticket_id: tickets.paidTicket, reason: "cancelled", amount_cents: 1500 },
      { ticket_id: tickets.paidTicket2, reason: "cancelled", amount_cents: 1500 },
    ]);
    const { rows: entries } = await db.owner.query("select status from app_public.waitlist_entries where event_id = $1", [eventId]);
    expect(entries.map((e) => e.status)).toEqual(["closed", "closed"]);

    const { rows: emails } = await db.owner.query(
      "select user_id, kind, subject, body from app_private.outbox where dedupe_key like $1 order by user_id", [`event_cancelled:${eventId}:%`]);
    const expected = [users.paid, users.paidTwice, users.holding, users.offered, users.waiting].map((u) => u.user_id).sort((a, b) => a - b);
    expect(emails.map((e) => e.user_id)).toEqual(expected); // not the student who had cancelled already
    for (const email of emails) {
      expect(email).toMatchObject({ kind: "event_cancelled", subject: "Cancelled: Open-air concert" });
      expect(email.body).toContain("Their reason: The headliner is ill");
    }
    const bodyOf = (user: Claims) => emails.find((e) => e.user_id === user.user_id)!.body as string;
    expect(bodyOf(users.paid)).toContain("the money you paid is on its way back");
    expect(bodyOf(users.holding)).toContain("Your ticket is cancelled; there is nothing for you to do.");
    expect(bodyOf(users.waiting)).toContain("You were waiting for a seat (on the waitlist, in the queue or in the lottery); that is closed now.");

    expect(await eventRow(eventId)).toMatchObject({ tickets_remaining: 4, total_tickets: 4 });
    const { rows: jobs } = await db.owner.query("select key from graphile_worker.jobs where key like $1", [`announce_availability:${eventId}:%`]);
    expect(jobs).toEqual([]);
  });

  it("refunds reach the provider once each, even when a job runs again after a lost answer", async () => {
    const { eventId } = await busyPaidEvent();
    await cancel(actors.admin!, eventId);
    const mock = new MockPaymentProvider({ ledgerUrl: db.ownerUrl, log: log.child({}, { level: "warn" }) });
    // The provider refunds, but its first answer for each payment never arrives: the job fails after the money moved.
    const calls = new Map<string, number>();
    const flaky: PaymentProvider = {
      name: mock.name,
      createIntent: () => mock.createIntent(),
      cancelIntent: () => mock.cancelIntent(),
      close: () => mock.close(),
      async refund(request) {
        const result = await mock.refund(request);
        calls.set(request.intentId, (calls.get(request.intentId) ?? 0) + 1);
        if (calls.get(request.intentId) === 1) throw new Error("connection reset before the provider's answer");
        return result;
      },
    };
    const refundJobsOfEvent = `select r.id from app_private.refunds r join app_private.payments p using (intent_id)
      join app_public.tickets t on t.id = p.ticket_id where t.event_id = $1`;
    try {
      await runJobs(db, undefined, flaky);
      await db.owner.query(
        "select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where last_error is not null), run_at := now())");
      await runJobs(db, undefined, flaky);
      // And a second job for every refund, as a duplicated enqueue would make: it finds the refund done.
      await db.owner.query(
        `select graphile_worker.add_job('refund_payment', json_build_object('refund_id', x.id)) from (${refundJobsOfEvent}) x`, [eventId]);
      await runJobs(db, undefined, flaky);
    } finally {
      await mock.close();
    }
    const { rows } = await db.owner.query(
      `select p.intent_id, p.status as payment, r.status as refund,
              (select count(*)::int from app_private.mock_provider_refunds m where m.intent_id = p.intent_id) as at_provider
       from app_private.payments p join app_public.tickets t on t.id = p.ticket_id left join app_private.refunds r using (intent_id)
       where t.event_id = $1 and p.intent_id like 'pi_paid_%' order by p.intent_id`, [eventId]);
    expect(rows.map(({ intent_id, ...rest }) => rest)).toEqual([
      { payment: "refunded", refund: "succeeded", at_provider: 1 },
      { payment: "refunded", refund: "succeeded", at_provider: 1 },
    ]);
    // Asked twice each (the lost answer, then the retry with the same idempotency key); the duplicate jobs asked nothing.
    expect(rows.map((r) => calls.get(r.intent_id))).toEqual([2, 2]);
  });
});

describe("after the cancellation", () => {
  let eventId = 0;
  let other: Claims;
  beforeAll(async () => {
    eventId = await insertEvent({ club: clubA });
    [other] = await insertUsers(db, 1, "student", { verified: true });
    await cancel(actors["owner of A"]!, eventId, "Speaker cancelled");
  });

  it("its sales state is cancelled, and it leaves the upcoming lists but not its page", async () => {
    const state = await db.as(null, async (c) => (await c.query(
      "select app_public.events_sales_state(e) as state, e.status, e.cancel_reason from app_public.events e where e.id = $1", [eventId])).rows[0]);
    expect(state).toEqual({ state: "cancelled", status: "cancelled", cancel_reason: "Speaker cancelled" });
    const upcoming = await db.as(null, async (c) => (await c.query("select id from app_public.upcoming_events()")).rows.map((r) => r.id));
    expect(upcoming).not.toContain(eventId);
    const ofClub = await db.as(null, async (c) =>
      (await c.query("select e.id from app_public.clubs k, app_public.clubs_upcoming_events(k) e where k.id = $1", [clubA])).rows.map((r) => r.id));
    expect(ofClub).not.toContain(eventId);
  });

  it("booking and joining the waitlist answer EVENT_CANCELLED", async () => {
    expect(await sqlFailure(db.as(other, (c) => c.query("select app_hidden.book_ticket($1)", [eventId]))))
      .toMatchObject({ code: "TK409", detail: "EVENT_CANCELLED" });
    expect(await sqlFailure(db.as(other, (c) => c.query("select app_public.join_waitlist($1)", [eventId]))))
      .toMatchObject({ code: "TK409", detail: "EVENT_CANCELLED" });
    const { rows } = await db.owner.query("select count(*)::int as n from app_public.tickets where event_id = $1", [eventId]);
    expect(rows[0].n).toBe(0);
  });

  it("a second cancellation is refused, naming the first; the first reason stays", async () => {
    const failure = await db.as(actors.admin!, (c) => c.query("select app_public.cancel_event($1, 'Again')", [eventId])).catch((e) => e);
    expect(failure).toMatchObject({ code: "TK409", detail: "ALREADY_CANCELLED" });
    expect(failure.message).toMatch(/^This event was already cancelled at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\.$/);
    expect((await eventRow(eventId)).cancel_reason).toBe("Speaker cancelled");
  });

  it("no edit reaches it: not through update_event, not by writing the row", async () => {
    expect(await sqlFailure(db.as(actors.admin!, (c) => c.query("select app_public.update_event(id => $1, venue => 'Hall')", [eventId]))))
      .toMatchObject({ code: "TK409", detail: "EVENT_CANCELLED" });
    expect(await sqlFailure(db.as(actors.admin!, (c) => c.query("update app_public.events set name = 'Back on' where id = $1", [eventId]))))
      .toMatchObject({ code: "TK409", detail: "EVENT_CANCELLED" });
    expect(await sqlFailure(db.owner.query("update app_public.events set status = 'scheduled', cancelled_at = null, cancel_reason = null where id = $1", [eventId])))
      .toMatchObject({ code: "TK409", detail: "EVENT_CANCELLED" });
    // An update_event that anyone else would be refused is still refused as such first.
    expect(await sqlFailure(db.as(actors["manager of B"]!, (c) => c.query("select app_public.update_event(id => $1, venue => 'Hall')", [eventId]))))
      .toMatchObject({ code: "TK403", detail: "FORBIDDEN" });
  });

  it("an event that has started is not cancelled", async () => {
    const started = await insertEvent();
    // Time passes beneath the triggers (which refuse a start in the past), as a clock would.
    const c = await db.owner.connect();
    try {
      await c.query("begin");
      await c.query("set local session_replication_role = replica");
      await c.query("update app_public.events set starts_at = now() - interval '1 minute', sales_end = null where id = $1", [started]);
      await c.query("commit");
    } finally {
      c.release();
    }
    expect(await sqlFailure(cancel(actors.admin!, started))).toMatchObject({ code: "TK409", detail: "EVENT_STARTED" });
    expect((await eventRow(started)).status).toBe("scheduled");
  });
});
