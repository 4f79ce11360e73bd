// Background flows end to end: HTTP requests, SQL, and the real graphile-worker
// tasks. After every step the inventory adds up:
//   tickets_remaining + held (pending, offered) + sold (confirmed) = total_tickets
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { MockPaymentProvider } from "../../src/payments/mock-provider.ts";
import { log } from "../../src/log.ts";
import { request, useTestServer, testPaymentSecret } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { expireHold, RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();


async function paidEvent(total: number, price = 1500) {
  const event = await insertEvent(t.db, { total_tickets: total });
  await t.db.owner.query("update app_public.events set price_cents = $2 where id = $1", [event.id, price]);
  return event;
}
const book = (eventId: number, student: Claims) =>
  request(t.server.url, "POST", `/events/${eventId}/book`, { token: tokenFor(student) });
const cancel = (ticketId: number, student: Claims) =>
  request(t.server.url, "DELETE", `/tickets/${ticketId}`, { token: tokenFor(student) });
const ticket = async (id: number) =>
  (await t.db.owner.query("select * from app_public.tickets where id = $1", [id])).rows[0];

async function expectInventoryAddsUp(eventId: number) {
  const { rows } = await t.db.owner.query(
    `select e.total_tickets, e.tickets_remaining,
       count(*) filter (where t.status in ('pending', 'offered'))::int as held,
       count(*) filter (where t.status = 'confirmed')::int as sold
     from app_public.events e left join app_public.tickets t on t.event_id = e.id
     where e.id = $1 group by e.id`,
    [eventId],
  );
  const r = rows[0];
  expect(r.tickets_remaining + r.held + r.sold).toBe(r.total_tickets);
  return r as { total_tickets: number; tickets_remaining: number; held: number; sold: number };
}

/** The payer completes the mock checkout with the client secret they were given. */
const checkout = (payment: { intent_id: string; client_secret: string }) =>
  request(t.server.url, "POST", `/payments/mock/${payment.intent_id}/confirm`, { body: { client_secret: payment.client_secret } });

async function webhook(body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  return request(t.server.url, "POST", "/webhooks/payments", {
    body: raw,
    headers: { "payment-signature": signature ?? signWebhook(raw, testPaymentSecret) },
  });
}

describe("paid events: holds and payments", () => {
  it("holds the seat as pending, and schedules the hold's expiry", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(3);
    const { status, body } = await book(event.id, student);
    expect(status).toBe(201);
    expect(body.ticket).toMatchObject({ status: "pending", price_cents: 1500, check_in_code: null });
    const holdMs = Date.parse(body.ticket.hold_expires_at) - Date.parse(body.ticket.booked_at);
    expect(holdMs).toBe(10 * 60 * 1000);
    const { rows } = await t.db.owner.query("select run_at from graphile_worker.jobs where key = $1", [`expire_holds:${body.ticket.id}`]);
    expect(new Date(rows[0].run_at).toISOString()).toBe(new Date(body.ticket.hold_expires_at).toISOString());
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 2, held: 1, sold: 0 });
  });

  it("returns an unpaid seat to sale when the hold expires, and tells the student", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(1);
    const { body } = await book(event.id, student);
    expect((await book(event.id, await insertUser(t.db))).body.error.code).toBe("SOLD_OUT");

    await expireHold(t.db, body.ticket.id);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);

    expect((await ticket(body.ticket.id)).status).toBe("expired");
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 1, held: 0, sold: 0 });
    expect(mailer.sent.map((m) => m.subject)).toContain(`Your hold for ${event.name} has expired`);
    expect((await book(event.id, await insertUser(t.db))).status).toBe(201); // back on sale
  });

  it("confirms a paid ticket through the provider's signed webhook, once", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(2, 2500);
    const { body } = await book(event.id, student);
    const pay = await request(t.server.url, "POST", `/tickets/${body.ticket.id}/pay`, { token: tokenFor(student) });
    expect(pay.status).toBe(201);
    expect(pay.body.payment).toMatchObject({ intent_id: expect.stringMatching(/^pi_mock_/), amount_cents: 2500 });

    const confirmed = await checkout(pay.body.payment);
    expect(confirmed.body).toEqual({ received: true, outcome: "confirmed" });
    const paid = await ticket(body.ticket.id);
    expect(paid).toMatchObject({ status: "confirmed", hold_expires_at: null, paid_at: expect.any(Date) });
    expect(paid.check_in_code).toMatch(/^TKT-/);

    // The provider retries the webhook: nothing changes.
    const again = await webhook({
      type: "payment_intent.succeeded",
      data: { intent_id: pay.body.payment.intent_id, ticket_id: body.ticket.id, amount_cents: 2500 },
    });
    expect(again.body).toEqual({ received: true, outcome: "duplicate" });
    expect((await ticket(body.ticket.id)).check_in_code).toBe(paid.check_in_code);
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ sold: 1, held: 0 });
  });

  it("rejects a webhook with a bad, missing or stale signature and changes nothing", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(1);
    const { body } = await book(event.id, student);
    const pay = await request(t.server.url, "POST", `/tickets/${body.ticket.id}/pay`, { token: tokenFor(student) });
    const event_ = {
      type: "payment_intent.succeeded",
      data: { intent_id: pay.body.payment.intent_id, ticket_id: body.ticket.id, amount_cents: 1500 },
    };
    const raw = JSON.stringify(event_);
    const stale = signWebhook(raw, testPaymentSecret, Math.floor(Date.now() / 1000) - 3600);
    for (const signature of [signWebhook(raw, "wrong-secret-wrong-secret-wrong-secret"), "t=1,v1=00", stale]) {
      const response = await webhook(event_, signature);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("INVALID_SIGNATURE");
    }
    expect((await ticket(body.ticket.id)).status).toBe("pending");
  });

  it("refunds a payment that arrives after the hold expired, without selling the seat twice", async () => {
    const [late, other] = await insertUsers(t.db, 2);
    const event = await paidEvent(1);
    const { body } = await book(event.id, late!);
    const pay = await request(t.server.url, "POST", `/tickets/${body.ticket.id}/pay`, { token: tokenFor(late!) });
    await expireHold(t.db, body.ticket.id);
    await runJobs(t.db);
    const second = await book(event.id, other!); // the released seat goes to someone else
    expect(second.status).toBe(201);

    const delivered = await checkout(pay.body.payment);
    expect(delivered.body).toEqual({ received: true, outcome: "refund" });
    expect((await ticket(body.ticket.id)).status).toBe("expired");
    const payment = async () =>
      (
        await t.db.owner.query(
          `select p.status, r.status as refund, r.reason from app_private.payments p
           left join app_private.refunds r using (intent_id) where p.intent_id = $1`,
          [pay.body.payment.intent_id],
        )
      ).rows[0];
    expect(await payment()).toEqual({ status: "succeeded", refund: "requested", reason: "late_payment" });
    // The worker asks the provider for the money back.
    const provider = new MockPaymentProvider({ ledgerUrl: t.db.ownerUrl, log: log.child({}, { level: "warn" }) });
    await runJobs(t.db, undefined, provider).finally(() => provider.close());
    expect(await payment()).toEqual({ status: "refunded", refund: "succeeded", reason: "late_payment" });
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 0, held: 1, sold: 0 });
  });

  it("refuses to pay for someone else's ticket or a confirmed one", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const paid = await paidEvent(2);
    const { body } = await book(paid.id, a!);
    const stranger = await request(t.server.url, "POST", `/tickets/${body.ticket.id}/pay`, { token: tokenFor(b!) });
    expect(stranger.status).toBe(404);
    const free = await insertEvent(t.db);
    const confirmed = await book(free.id, a!);
    const response = await request(t.server.url, "POST", `/tickets/${confirmed.body.ticket.id}/pay`, { token: tokenFor(a!) });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("NOT_PAYABLE");
  });
});

describe("waitlist", () => {
  it("offers returned seats in order; an accepted offer books, a lapsed one moves on", async () => {
    const event = await insertEvent(t.db, { total_tickets: 2 });
    const [h1, h2, w1, w2, w3] = await insertUsers(t.db, 5);
    const held = [(await book(event.id, h1!)).body.ticket, (await book(event.id, h2!)).body.ticket];

    const entries = [];
    for (const w of [w1, w2, w3]) {
      const joined = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(w!) });
      expect(joined.status).toBe(201);
      entries.push(joined.body.entry);
    }
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3]);
    const twice = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(w1!) });
    expect(twice.body.error.code).toBe("ALREADY_WAITING");

    await cancel(held[0].id, h1!);
    await cancel(held[1].id, h2!);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.subject.startsWith("A seat for")).map((m) => m.to).sort()).toHaveLength(2);

    const mine = async (w: Claims) => (await request(t.server.url, "GET", "/me/waitlist", { token: tokenFor(w) })).body.entries[0];
    expect(await mine(w1!)).toMatchObject({ status: "offered", position: null });
    expect(await mine(w2!)).toMatchObject({ status: "offered" });
    expect(await mine(w3!)).toMatchObject({ status: "waiting", position: 1 });
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 0, held: 2, sold: 0 });
    // An offered seat is nobody else's to take.
    expect((await book(event.id, await insertUser(t.db))).body.error.code).toBe("SOLD_OUT");

    const accepted = await request(t.server.url, "POST", `/waitlist/${entries[0].id}/accept`, { token: tokenFor(w1!) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.ticket).toMatchObject({ status: "confirmed", user_id: w1!.user_id });

    const w2Entry = await mine(w2!);
    await expireHold(t.db, w2Entry.ticket_id);
    await runJobs(t.db);
    expect(await mine(w2!)).toMatchObject({ status: "lapsed" });
    expect(await mine(w3!)).toMatchObject({ status: "offered" });
    const late = await request(t.server.url, "POST", `/waitlist/${entries[1].id}/accept`, { token: tokenFor(w2!) });
    expect(late.body.error.code).toBe("OFFER_NOT_AVAILABLE");
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 0, held: 1, sold: 1 });
  });

  it("only opens when the event is sold out", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const response = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(await insertUser(t.db)) });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("NOT_SOLD_OUT");
  });
});

describe("check-in", () => {
  it("admits a confirmed ticket once, and says when it was first scanned", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    const code = body.ticket.check_in_code;

    const first = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code: code.toLowerCase() } });
    expect(first.status).toBe(200);
    expect(first.body.ticket.checked_in_at).toEqual(expect.any(String));
    const second = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("ALREADY_CHECKED_IN");
    expect(second.body.error.message).toContain(new Date(first.body.ticket.checked_in_at).toISOString().slice(0, 16).replace("T", " "));
  });

  it("refuses a cancelled ticket, an unknown code, and non-admins; a pending ticket has no code yet", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    await cancel(body.ticket.id, student);
    const cancelled = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code: body.ticket.check_in_code } });
    expect(cancelled.body.error.code).toBe("TICKET_NOT_VALID");

    const pending = (await book((await paidEvent(1)).id, student)).body.ticket;
    expect(pending.check_in_code).toBeNull();
    const unknown = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code: "TKT-000000000000000000000000" } });
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const asStudent = await request(t.server.url, "POST", "/check-in", { token: tokenFor(student), body: { code: "x" } });
    expect(asStudent.status).toBe(403);
  });
});

describe("email outbox", () => {
  it("sends each message once, even when its job runs again", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    const { rows } = await t.db.owner.query("select id from app_private.outbox where dedupe_key = $1", [`booking_confirmed:${body.ticket.id}`]);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    await t.db.owner.query("select graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array($1::bigint)))", [rows[0].id]);
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.id === String(rows[0].id))).toHaveLength(1);
    expect(mailer.sent.find((m) => m.id === String(rows[0].id))!.text).toContain(body.ticket.check_in_code);
  });

  it("tells every holder when an event moves", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await book(event.id, a!);
    await book(event.id, b!);
    await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { venue: "Stadium" } });
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.subject === `${event.name} has changed`)).toHaveLength(2);
  });
});

describe("email outbox failures", () => {
  it("keeps what was sent when a later message fails, and the retry sends only the rest", async () => {
    // Three messages in one send_email job, as a booking batch queues them.
    const students = await insertUsers(t.db, 3);
    const { rows } = await t.db.owner.query(
      `select app_private.add_to_outbox('booking_confirmed', s.id, 'test-batch:' || s.id, 'Your ticket', 'See you there')::text as id
       from unnest($1::int[]) with ordinality as s(id, n) order by s.n`,
      [students.map((s) => s.user_id)],
    );
    await t.db.owner.query("select graphile_worker.add_job('send_email', json_build_object('outbox_ids', $1::bigint[]))", [
      rows.map((r) => r.id),
    ]);

    class FlakyMailer extends RecordingMailer {
      override async send(email: Parameters<RecordingMailer["send"]>[0]) {
        if (email.id === rows[1].id) throw new Error("SMTP server said 451, try again later");
        await super.send(email);
      }
    }
    const flaky = new FlakyMailer();
    await runJobs(t.db, flaky).catch(() => {});
    const sentAfterFailure = (await t.db.owner.query("select id::text from app_private.outbox where id = any($1::bigint[]) and sent_at is not null", [rows.map((r) => r.id)])).rows.map((r) => r.id);
    expect(sentAfterFailure).toEqual([rows[0].id]); // the first went out; the job stopped at the failure

    // Let the failed job run again now, with a working mailer.
    await t.db.owner.query(
      "select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where last_error is not null), run_at := now())",
    );
    const healthy = new RecordingMailer();
    await runJobs(t.db, healthy);
    const ids = [...flaky.sent, ...healthy.sent].map((m) => m.id).filter((id) => rows.some((r) => r.id === id));
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort()); // each exactly once
  });
});
