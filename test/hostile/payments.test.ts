// Payments under hostile callers, against production-mode servers: no provider
// configured means no checkout and no webhook at all; with the mock provider,
// only the payer (client secret) completes checkout and only a correctly
// signed webhook settles; intents are database rows, pruned when stale; every
// refund (cancelled paid ticket, late payment) reaches the provider exactly once,
// through the worker, however often its job runs or fails.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { pgSettingsFor } from "../../src/auth/pg-settings.ts";
import { log } from "../../src/log.ts";
import { MockPaymentProvider } from "../../src/payments/mock-provider.ts";
import type { PaymentProvider } from "../../src/payments/provider.ts";
import { PaymentService } from "../../src/payments/service.ts";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import type { RunningServer } from "../../src/server.ts";
import { graphql, request, startTestServer, testPaymentSecret, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { expireHold, runJobs } from "../helpers/worker.ts";

const t = useTestServer({ production: true, redisUrl: null }); // no PAYMENT_PROVIDER: none
let mock: RunningServer; // the same database, PAYMENT_PROVIDER=mock
beforeAll(async () => {
  mock = await startTestServer(t.db, { production: true, redisUrl: null, overrides: { paymentProvider: "mock" } });
});
afterAll(() => mock?.close());

interface Payment {
  intent_id: string;
  client_secret: string;
  amount_cents: number;
}

async function heldTicket(server: RunningServer, student: Claims, price = 1500) {
  const event = await insertEvent(t.db, { total_tickets: 5 });
  await t.db.owner.query("update app_public.events set price_cents = $2 where id = $1", [event.id, price]);
  const booked = await request(server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(student) });
  expect(booked.status).toBe(201);
  return booked.body.ticket.id as number;
}
const pay = (server: RunningServer, ticketId: number, student: Claims) =>
  request<{ payment: Payment; error?: { code: string } }>(server.url, "POST", `/tickets/${ticketId}/pay`, { token: tokenFor(student) });
const checkout = (intentId: string, body?: unknown) =>
  request(mock.url, "POST", `/payments/mock/${intentId}/confirm`, { body });
const webhook = (server: RunningServer, raw: string, signature?: string) =>
  request(server.url, "POST", "/webhooks/payments", { body: raw, headers: signature ? { "payment-signature": signature } : {} });
const ticketStatus = async (id: number) =>
  (await t.db.owner.query("select status from app_public.tickets where id = $1", [id])).rows[0].status as string;
const intentsOf = async (ticketId: number) =>
  (await t.db.owner.query("select intent_id, amount_cents, status from app_private.payments where ticket_id = $1 order by created_at", [ticketId]))
    .rows;
const refundsAtProvider = async (intentId: string) =>
  (await t.db.owner.query("select count(*)::int as n from app_private.mock_provider_refunds where intent_id = $1", [intentId])).rows[0]
    .n as number;
const refundOf = async (intentId: string) =>
  (
    await t.db.owner.query(
      `select r.status, r.attempts, r.last_error, p.status as payment from app_private.refunds r
       join app_private.payments p using (intent_id) where r.intent_id = $1`,
      [intentId],
    )
  ).rows;

/** The worker's provider: the mock, counting calls, optionally failing the next ones. */
class WorkerProvider implements PaymentProvider {
  readonly name = "mock";
  readonly inner = new MockPaymentProvider({ ledgerUrl: t.db.ownerUrl, log: log.child({}, { level: "silent" }) });
  refundCalls = 0;
  /** "before": the provider is unreachable; "after": it refunds, but its answer is lost. */
  failNext: ("before" | "after")[] = [];
  createIntent = this.inner.createIntent.bind(this.inner);
  cancelIntent = this.inner.cancelIntent.bind(this.inner);
  async refund(request: Parameters<PaymentProvider["refund"]>[0]) {
    this.refundCalls += 1;
    const failure = this.failNext.shift();
    if (failure === "before") throw new Error("provider unreachable");
    const result = await this.inner.refund(request);
    if (failure === "after") throw new Error("connection reset before the answer");
    return result;
  }
  close = () => this.inner.close();
}
let provider: WorkerProvider;
beforeAll(() => {
  provider = new WorkerProvider();
});
afterAll(() => provider?.close());

/** A failed job is retried later; make "later" now, without waiting. */
/** Make the failed refund job due now. */
const retryNow = () =>
  t.db.owner.query(
    "select graphile_worker.reschedule_jobs(array_agg(id), run_at := now()) from graphile_worker.jobs where task_identifier = 'refund_payment'",
  );

async function paidTicket(student: Claims) {
  const ticketId = await heldTicket(mock, student);
  const { body } = await pay(mock, ticketId, student);
  const done = await checkout(body.payment.intent_id, { client_secret: body.payment.client_secret });
  expect(done.body).toEqual({ received: true, outcome: "confirmed" });
  return { ticketId, intentId: body.payment.intent_id };
}

describe("production without a payment provider (the default)", () => {
  it("holds no seat it could not sell: booking a paid event answers PAYMENTS_UNAVAILABLE", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await t.db.owner.query("update app_public.events set price_cents = 1500 where id = $1", [event.id]);
    const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(await insertUser(t.db)) });
    expect(booked.status).toBe(409);
    expect(booked.body.error.code).toBe("PAYMENTS_UNAVAILABLE");
    const { rows } = await t.db.owner.query("select tickets_remaining from app_public.events where id = $1", [event.id]);
    expect(rows[0].tickets_remaining).toBe(5);
  });

  it("answers PAYMENTS_UNAVAILABLE to paying and has no mock checkout and no webhook", async () => {
    const student = await insertUser(t.db);
    const ticketId = await heldTicket(mock, student); // held while a provider was configured
    const rest = await pay(t.server, ticketId, student);
    expect(rest.status).toBe(409);
    expect(rest.body.error?.code).toBe("PAYMENTS_UNAVAILABLE");
    const gql = await graphql(t.server.url, `mutation { payForTicket(ticketId: ${ticketId}) { intentId } }`, {}, tokenFor(student));
    expect(gql.body.errors?.[0]?.extensions?.code).toBe("PAYMENTS_UNAVAILABLE");

    // An intent that exists (recorded earlier through a mock server) cannot be confirmed here.
    const other = await insertUser(t.db);
    const otherTicket = await heldTicket(mock, other);
    const viaMock = await pay(mock, otherTicket, other);
    const { client_secret, intent_id } = viaMock.body.payment;
    const statusOf = async (path: string, body: string, headers: Record<string, string> = {}) =>
      (await fetch(`${t.server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body })).status;
    expect(await statusOf(`/payments/mock/${intent_id}/confirm`, JSON.stringify({ client_secret }))).toBe(404);
    const raw = JSON.stringify({ type: "payment_intent.succeeded", data: { intent_id, ticket_id: 0, amount_cents: 1500 } });
    expect(await statusOf("/webhooks/payments", raw, { "payment-signature": signWebhook(raw, testPaymentSecret) })).toBe(404);
    expect(await intentsOf(otherTicket)).toEqual([{ intent_id, amount_cents: 1500, status: "created" }]);
    expect(await intentsOf(ticketId)).toEqual([]);
  });
});

describe("production with the mock provider", () => {
  it("confirms only with the payer's client secret, and only through a correctly signed webhook", async () => {
    const student = await insertUser(t.db);
    const ticketId = await heldTicket(mock, student);
    const { status, body } = await pay(mock, ticketId, student);
    expect(status).toBe(201);
    const { intent_id, client_secret } = body.payment;

    expect((await checkout(intent_id)).status).toBe(400); // no secret
    for (const secret of ["guess", `${intent_id}_secret_${"0".repeat(32)}`, client_secret.slice(0, -1) + "x"]) {
      expect((await checkout(intent_id, { client_secret: secret })).status).toBe(404);
    }
    // Someone else's secret proves nothing about this intent.
    const other = await insertUser(t.db);
    const theirs = (await pay(mock, await heldTicket(mock, other), other)).body.payment;
    expect((await checkout(intent_id, { client_secret: theirs.client_secret })).status).toBe(404);

    // Forged webhooks: unsigned, signed with another secret, signed then altered.
    const event = { type: "payment_intent.succeeded", data: { intent_id, ticket_id: ticketId, amount_cents: 1500 } };
    const raw = JSON.stringify(event);
    const forged = [
      await webhook(mock, raw),
      await webhook(mock, raw, signWebhook(raw, "another-secret-another-secret-another")),
      await webhook(mock, JSON.stringify({ ...event, data: { ...event.data, amount_cents: 1 } }), signWebhook(raw, testPaymentSecret)),
    ];
    expect(forged.map((r) => [r.status, r.body.error?.code])).toEqual(Array(3).fill([400, "INVALID_SIGNATURE"]));
    expect(await ticketStatus(ticketId)).toBe("pending");
    expect(await intentsOf(ticketId)).toEqual([{ intent_id, amount_cents: 1500, status: "created" }]);

    expect((await checkout(intent_id, { client_secret })).body).toEqual({ received: true, outcome: "confirmed" });
    expect(await ticketStatus(ticketId)).toBe("confirmed");
  });

  it("keeps intents as database rows at the ticket's price, bounded per ticket, and prunes stale ones", async () => {
    const student = await insertUser(t.db);
    const stale = await heldTicket(mock, student, 700);
    const attempts = [];
    for (let i = 0; i < 6; i += 1) attempts.push(await pay(mock, stale, student));
    expect(attempts.slice(0, 5).map((a) => [a.status, a.body.payment.amount_cents])).toEqual(Array(5).fill([201, 700]));
    expect([attempts[5]!.status, attempts[5]!.body.error?.code]).toEqual([409, "TOO_MANY_PAYMENT_ATTEMPTS"]);
    expect((await intentsOf(stale)).map((i) => i.intent_id).sort()).toEqual(attempts.slice(0, 5).map((a) => a.body.payment.intent_id).sort());

    const other = await insertUser(t.db);
    const live = await heldTicket(mock, other);
    await pay(mock, live, other);

    await expireHold(t.db, stale);
    await t.db.owner.query("select graphile_worker.add_job('prune_payment_intents')");
    await runJobs(t.db, undefined, provider);
    expect(await intentsOf(stale)).toEqual([]);
    expect(await intentsOf(live)).toHaveLength(1); // still payable: kept
    const { intent_id, client_secret } = attempts[0]!.body.payment;
    expect((await checkout(intent_id, { client_secret })).status).toBe(404);
  });

  it("refunds a cancelled paid ticket exactly once at the provider, through failures, lost answers and repeated jobs", async () => {
    const student = await insertUser(t.db);
    const { ticketId, intentId } = await paidTicket(student);
    const cancelled = await request(mock.url, "DELETE", `/tickets/${ticketId}`, { token: tokenFor(student) });
    expect(cancelled.status).toBe(200);
    expect(await refundOf(intentId)).toEqual([{ status: "requested", attempts: 0, last_error: null, payment: "succeeded" }]);

    provider.failNext = ["before", "after"];
    const callsBefore = provider.refundCalls;
    await runJobs(t.db, undefined, provider); // provider unreachable
    expect(await refundOf(intentId)).toEqual([{ status: "requested", attempts: 1, last_error: "provider unreachable", payment: "succeeded" }]);
    expect(await refundsAtProvider(intentId)).toBe(0);

    await retryNow();
    await runJobs(t.db, undefined, provider); // refunded, but the answer is lost
    expect(await refundsAtProvider(intentId)).toBe(1);
    expect((await refundOf(intentId))[0]).toMatchObject({ status: "requested", attempts: 2 });

    await retryNow();
    await runJobs(t.db, undefined, provider); // same idempotency key: the provider does not refund again
    expect(await refundOf(intentId)).toEqual([{ status: "succeeded", attempts: 3, last_error: null, payment: "refunded" }]);
    expect(provider.refundCalls - callsBefore).toBe(3);

    // The same job again (a duplicate delivery, a second worker): nothing reaches the provider.
    const { rows } = await t.db.owner.query("select id from app_private.refunds where intent_id = $1", [intentId]);
    await t.db.owner.query("select graphile_worker.add_job('refund_payment', json_build_object('refund_id', $1::bigint))", [rows[0].id]);
    await t.db.owner.query("select graphile_worker.add_job('refund_payment', json_build_object('refund_id', $1::bigint))", [rows[0].id]);
    await runJobs(t.db, undefined, provider);
    expect(provider.refundCalls - callsBefore).toBe(3);
    expect(await refundsAtProvider(intentId)).toBe(1);
    expect(await ticketStatus(ticketId)).toBe("cancelled");
  });

  it("refunds a payment that arrives after the hold expired, once, however often the webhook is delivered", async () => {
    const student = await insertUser(t.db);
    const ticketId = await heldTicket(mock, student);
    const { payment } = (await pay(mock, ticketId, student)).body;
    await expireHold(t.db, ticketId);
    await runJobs(t.db, undefined, provider);
    expect(await ticketStatus(ticketId)).toBe("expired");

    expect((await checkout(payment.intent_id, { client_secret: payment.client_secret })).body).toEqual({ received: true, outcome: "refund" });
    const raw = JSON.stringify({
      type: "payment_intent.succeeded",
      data: { intent_id: payment.intent_id, ticket_id: ticketId, amount_cents: payment.amount_cents },
    });
    for (let i = 0; i < 3; i += 1) {
      expect((await webhook(mock, raw, signWebhook(raw, testPaymentSecret))).body).toEqual({ received: true, outcome: "duplicate" });
    }
    await runJobs(t.db, undefined, provider);
    await runJobs(t.db, undefined, provider);
    expect(await refundOf(payment.intent_id)).toEqual([{ status: "succeeded", attempts: 1, last_error: null, payment: "refunded" }]);
    expect(await refundsAtProvider(payment.intent_id)).toBe(1);
    expect(await ticketStatus(ticketId)).toBe("expired");
  });
});

describe("a slow payment provider", () => {
  it("holds no database connection while it works: other requests still get theirs", async () => {
    const pool = new pg.Pool({ connectionString: t.db.authUrl, max: 2 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: PaymentProvider = {
      name: "slow",
      async createIntent() {
        const intentId = `pi_slow_${++calls}`;
        await released; // the provider takes its time
        return { intentId, clientSecret: "secret" };
      },
      async cancelIntent() {},
      async refund() {
        return { status: "failed", reason: "not used" };
      },
      async close() {},
    };
    const payments = new PaymentService(pool, slow, log);
    try {
      const students = await Promise.all([insertUser(t.db), insertUser(t.db), insertUser(t.db)]);
      const tickets = await Promise.all(students.map((student) => heldTicket(mock, student)));
      const paying = students.map((student, i) => payments.startPayment(pgSettingsFor(student), tickets[i]!));
      // Three payments wait on the provider, more than the pool's two connections.
      for (let i = 0; i < 100 && calls < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toBe(3);
      const { rows } = await pool.query("select 1 as ok"); // would wait forever if the payments held both connections
      expect(rows[0].ok).toBe(1);
      release();
      const started = await Promise.all(paying);
      expect(started.map((p) => p.amount_cents)).toEqual([1500, 1500, 1500]);
    } finally {
      release();
      await pool.end();
    }
  });
});
