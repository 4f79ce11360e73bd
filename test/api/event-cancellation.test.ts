// Calling an event off through both APIs, as an organiser and the students
// holding tickets see it: POST /events/{id}/cancel and cancelEvent, the event's
// page afterwards, the refusals, live subscribers, and a cancellation racing a
// crowd that books and pays (no ticket survives it, and every payment that
// landed is refunded exactly once at the provider).
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { log } from "../../src/log.ts";
import { MockPaymentProvider } from "../../src/payments/mock-provider.ts";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { clubEventWithMembers, insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import { RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { paidEvent, book, checkout } = flowSteps(t);

const CANCEL = `mutation ($id: Int!, $reason: String!) {
  cancelEvent(input: { eventId: $id, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }
}`;
const cancelRest = (eventId: number, token: string | undefined, body: unknown = { reason: "Storm warning" }) =>
  request(t.server.url, "POST", `/events/${eventId}/cancel`, { token, body });

const clubEvent = () => clubEventWithMembers(t.db, ["manager", "owner", "door"]);

describe("POST /events/{id}/cancel", () => {
  it("lets the event's managers cancel it: 200 with the cancelled event, whose page explains it", async () => {
    const { event, manager } = await clubEvent();
    // Last changed a minute ago (the calendar's SEQUENCE counts seconds).
    await t.db.owner.query("update app_public.events set updated_at = now() - interval '1 minute' where id = $1", [event.id]);
    const sequence = async () => Number(/SEQUENCE:(\d+)/.exec(await (await fetch(`${t.server.url}/events/${event.id}/calendar.ics`)).text())![1]);
    const sequenceBefore = await sequence();
    const response = await cancelRest(event.id, manager, { reason: "  The hall is flooded  " });
    expect(response.status).toBe(200);
    expect(response.body.event).toMatchObject({
      id: event.id, status: "cancelled", cancel_reason: "The hall is flooded", cancelled_at: expect.stringMatching(/Z$/),
    });
    const page = await request(t.server.url, "GET", `/events/${event.id}`);
    expect(page.body.event).toMatchObject({ status: "cancelled", cancel_reason: "The hall is flooded" });
    const status = await request(t.server.url, "GET", `/events/${event.id}/status`);
    expect(status.body).toMatchObject({ sales_state: "cancelled" });
    const upcoming = await request(t.server.url, "GET", "/events?limit=100");
    expect(upcoming.body.events.map((e: { id: number }) => e.id)).not.toContain(event.id);
    // A calendar that imported the event learns it is off.
    const ics = await (await fetch(`${t.server.url}/events/${event.id}/calendar.ics`)).text();
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(await sequence()).toBeGreaterThan(sequenceBefore); // so calendars take the change
  });

  it("refuses everyone else with the catalogue's codes, and bad or repeated requests clearly", async () => {
    const { event, door, owner } = await clubEvent();
    const student = tokenFor(await insertUser(t.db));
    expect((await cancelRest(event.id, undefined)).body.error.code).toBe("UNAUTHENTICATED");
    for (const token of [student, door]) {
      const refused = await cancelRest(event.id, token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
    const noReason = await cancelRest(event.id, owner, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "INVALID_INPUT", field: "reason" });
    const tooLong = await cancelRest(event.id, owner, { reason: "x".repeat(501) });
    expect(tooLong.body.error).toMatchObject({ code: "INVALID_INPUT", field: "reason" });
    expect((await cancelRest(2_000_000_000, owner)).status).toBe(404);

    expect((await cancelRest(event.id, owner)).status).toBe(200);
    const again = await cancelRest(event.id, owner, { reason: "Twice" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_CANCELLED");
    const edit = await request(t.server.url, "PATCH", `/events/${event.id}`, { token: owner, body: { venue: "Gym" } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("EVENT_CANCELLED");
  });
});

describe("cancelEvent", () => {
  it("cancels as admins do, and tells live subscribers salesState cancelled", async () => {
    const event = await insertEvent(t.db);
    const client = wsClient(t.server.url);
    const watcher = record(client, "subscription ($id: Int!) { eventAvailability(eventId: $id) { salesState version } }", { id: event.id },
      (data) => data.eventAvailability as { salesState: string; version: string });
    try {
      await watcher.until((m) => m.length > 0); // the current value first
      const { body } = await graphql(t.server.url, CANCEL, { id: event.id, reason: "Speaker is ill" }, t.adminToken);
      expect(body.errors).toBeUndefined();
      expect(body.data.cancelEvent.event).toMatchObject({
        id: event.id, status: "cancelled", cancelReason: "Speaker is ill", salesState: "cancelled", ticketsRemaining: event.total_tickets,
      });
      await watcher.until((m) => m.at(-1)?.salesState === "cancelled");
    } finally {
      watcher.dispose();
      await client.dispose();
    }
  });

  it("answers refusals with extensions.code; booking a cancelled event is EVENT_CANCELLED in both APIs", async () => {
    const event = await insertEvent(t.db);
    const student = await insertUser(t.db);
    const refused = await graphql(t.server.url, CANCEL, { id: event.id, reason: "No" }, tokenFor(student));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await graphql(t.server.url, CANCEL, { id: event.id, reason: "No" });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    await graphql(t.server.url, CANCEL, { id: event.id, reason: "Rain" }, t.adminToken);
    const rest = await book(event.id, student);
    expect(rest.status).toBe(409);
    expect(rest.body.error.code).toBe("EVENT_CANCELLED");
    const viaGraphql = await graphql(t.server.url, "mutation ($id: Int!) { bookTicket(input: { eventId: $id }) { ticket { id } } }",
      { id: event.id }, tokenFor(student));
    expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("EVENT_CANCELLED");
    const event_ = await graphql(t.server.url, "query ($id: Int!) { eventById(id: $id) { status cancelReason salesState } }", { id: event.id });
    expect(event_.body.data.eventById).toEqual({ status: "cancelled", cancelReason: "Rain", salesState: "cancelled" });
  });
});

describe("a cancellation racing a crowd that books and pays", () => {
  it("leaves no ticket alive, refunds every payment that landed exactly once, and tells each holder once", async () => {
    const seats = 40;
    const event = await paidEvent(seats, 1500);
    const [firstWave, secondWave] = [await insertUsers(t.db, 30), await insertUsers(t.db, 20)];
    let paidSoFar = 0;
    let cancelAfterSomePayments!: () => void;
    const somePaid = new Promise<void>((resolve) => (cancelAfterSomePayments = resolve));

    /** One student: book, then pay through the mock checkout. What each step answered. */
    const bookAndPay = async (student: Claims) => {
      const booked = await book(event.id, student);
      if (booked.status !== 201) return { booked: booked.status, code: booked.body.error.code as string };
      const pay = await request(t.server.url, "POST", `/tickets/${booked.body.ticket.id}/pay`, { token: tokenFor(student) });
      if (pay.status !== 201) return { booked: 201, pay: pay.status, code: pay.body.error.code as string };
      // Our webhook may answer the checkout 503 (BUSY: the event's lock did not come within lock_timeout behind the
      // cancellation and the rush; nothing written). The payer's checkout tries again after Retry-After, as a client should.
      let paid = await checkout(pay.body.payment);
      for (let attempt = 1; paid.status === 503 && attempt < 5; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 1000)); // the webhook's Retry-After (the checkout passes on its body, not its headers)
        paid = await checkout(pay.body.payment);
      }
      if (paid.status !== 200) return { booked: 201, pay: 201, checkout: paid.status, code: paid.body.error?.code as string };
      if (++paidSoFar === 5) cancelAfterSomePayments();
      return { booked: 201, pay: 201, outcome: paid.body.outcome as string };
    };
    const first = firstWave.map(bookAndPay);
    // The organiser cancels once five payments have landed, while the first wave is still paying
    // and a second wave starts booking the seats left: both race the cancellation.
    // Behind a rush of bookings the event's lock may not come within lock_timeout: 503 BUSY, nothing written,
    // and the organiser's client tries again after Retry-After (as any client of a BUSY answer should).
    const cancelUntilDone = async () => {
      for (let attempt = 1; ; attempt++) {
        const answer = await graphql(t.server.url, CANCEL, { id: event.id, reason: "Venue lost its licence" }, t.adminToken);
        const busy = answer.body.errors?.[0]?.extensions?.code === "BUSY";
        if (!busy || attempt === 5) return answer;
        await new Promise((resolve) => setTimeout(resolve, 1000 * Number((answer.body.errors![0]!.extensions as { retryAfter?: number }).retryAfter ?? 1)));
      }
    };
    const cancelled = somePaid.then(cancelUntilDone);
    const second = somePaid.then(() => Promise.all(secondWave.map(bookAndPay)));
    const outcomes = [...(await Promise.all(first)), ...(await second)];
    const cancellation = await cancelled;
    expect(cancellation.body.errors).toBeUndefined();

    // Each step answered a success or a refusal a client understands; nothing else.
    for (const outcome of outcomes) {
      if (outcome.booked !== 201) expect(["EVENT_CANCELLED", "SOLD_OUT", "BUSY"]).toContain(outcome.code);
      else if (outcome.pay !== 201) expect(["NOT_PAYABLE"]).toContain(outcome.code);
      else if (outcome.checkout !== undefined) expect.fail(`the checkout answered ${outcome.checkout} ${outcome.code}`);
      else expect(["confirmed", "refund"]).toContain(outcome.outcome);
    }
    // Paid tickets were cancelled (the five before the cancellation at least), and so were unpaid holds.
    expect(outcomes.filter((o) => o.outcome === "confirmed").length).toBeGreaterThanOrEqual(5);

    const { rows: live } = await t.db.owner.query(
      "select count(*)::int as n from app_public.tickets where event_id = $1 and status in ('pending', 'offered', 'confirmed')", [event.id]);
    expect(live[0].n).toBe(0);
    expect((await t.db.owner.query("select tickets_remaining from app_public.events where id = $1", [event.id])).rows[0].tickets_remaining).toBe(seats);

    // The worker gives the money back; running every job twice changes nothing.
    const provider = new MockPaymentProvider({ ledgerUrl: t.db.ownerUrl, log: log.child({}, { level: "warn" }) });
    const mailer = new RecordingMailer();
    try {
      await runJobs(t.db, mailer, provider);
      await runJobs(t.db, mailer, provider);
    } finally {
      await provider.close();
    }
    const { rows: payments } = await t.db.owner.query(
      `select p.intent_id, p.status, (select count(*)::int from app_private.refunds r where r.intent_id = p.intent_id) as refunds,
              (select count(*)::int from app_private.mock_provider_refunds m where m.intent_id = p.intent_id) as at_provider
       from app_private.payments p join app_public.tickets t on t.id = p.ticket_id
       where t.event_id = $1 and p.status <> 'created'`, [event.id]);
    const landed = outcomes.filter((o) => o.outcome !== undefined).length;
    expect(payments.length).toBe(landed);
    for (const payment of payments) expect(payment).toMatchObject({ status: "refunded", refunds: 1, at_provider: 1 });

    // One cancellation email per student who held a ticket when it was cancelled.
    const { rows: holders } = await t.db.owner.query(
      `select count(distinct user_id)::int as n from app_private.outbox where dedupe_key like $1`, [`event_cancelled:${event.id}:%`]);
    const cancelledMail = mailer.sent.filter((m) => m.subject === `Cancelled: ${event.name}`);
    expect(cancelledMail.length).toBe(holders[0].n);
    expect(new Set(cancelledMail.map((m) => m.to)).size).toBe(cancelledMail.length);
  });
});
