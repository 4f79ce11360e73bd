// Payments in SQL: no request role can record an intent, name an amount or
// touch a refund; the server's payments role gets the amount from the ticket;
// a refund is requested once per payment however often it is asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
let student: Claims;
let other: Claims;

beforeAll(async () => {
  db = await createTestDatabase();
  student = await insertUser(db);
  other = await insertUser(db);
});
afterAll(() => db?.drop());

const sqlError = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; detail?: string }) => ({ code: error.code, detail: error.detail }),
  );

/** A held (pending) ticket of `owner` at 1500 cents. */
async function heldTicket(owner: Claims) {
  const event = await insertEvent(db);
  const { rows } = await db.owner.query<{ id: number }>(
    `insert into app_public.tickets (event_id, user_id, status, price_cents, hold_expires_at)
     values ($1, $2, 'pending', 1500, now() + interval '10 minutes') returning id`,
    [event.id, owner.user_id],
  );
  return rows[0]!.id;
}

const paymentsOf = async (ticketId: number) =>
  (await db.owner.query("select intent_id, amount_cents, status from app_private.payments where ticket_id = $1", [ticketId])).rows;

const asPayments = <T>(claims: Claims, sql: string, params: unknown[]) =>
  db.withSettings({ role: "ticketing_payments", "jwt.claims.user_id": String(claims.user_id) }, async (c) =>
    (await c.query(sql, params)).rows[0] as T,
  );

describe("request roles and payments", () => {
  it("refuses a student who records their own intent with their own amount, or calls any payment function", async () => {
    const ticketId = await heldTicket(student);
    const attempts: [string, unknown[]][] = [
      ["select app_hidden.record_payment_intent($1, 'pi_forged', 1)", [ticketId]],
      ["select app_hidden.record_payment_intent($1, 'pi_forged', 'mock')", [ticketId]],
      ["select app_hidden.ticket_payment_amount($1)", [ticketId]],
      ["select * from app_hidden.open_payment_intent('pi_forged')", []],
      ["select app_hidden.settle_payment('pi_forged', 1)", []],
      ["select app_private.request_refund($1)", [ticketId]],
      ["select * from app_private.refunds", []],
    ];
    for (const [sql, params] of attempts) {
      const error = await sqlError(db.as(student, (c) => c.query(sql, params)));
      expect(error?.code, sql).toMatch(/^(42501|42883)$/); // permission denied, or no such function at all
    }
    expect(await paymentsOf(ticketId)).toEqual([]);
  });

  it("lets the server's payments role record an intent for the caller's own held ticket, at the ticket's price", async () => {
    const ticketId = await heldTicket(student);
    const amount = await asPayments<{ amount: number }>(student, "select app_hidden.record_payment_intent($1, $2, 'mock') as amount", [
      ticketId,
      "pi_db_1",
    ]);
    expect(amount).toEqual({ amount: 1500 });
    expect(await paymentsOf(ticketId)).toEqual([{ intent_id: "pi_db_1", amount_cents: 1500, status: "created" }]);

    const stranger = await sqlError(asPayments(other, "select app_hidden.record_payment_intent($1, 'pi_db_2', 'mock')", [ticketId]));
    expect(stranger).toEqual({ code: "TK404", detail: "NOT_FOUND" });
    // Nor may the payments role read or write anything else.
    expect(await sqlError(asPayments(student, "select * from app_public.tickets", []))).toMatchObject({ code: "42501" });
  });

  it("bounds the unpaid intents of one ticket", async () => {
    const ticketId = await heldTicket(student);
    for (let i = 0; i < 5; i += 1) {
      await asPayments(student, "select app_hidden.record_payment_intent($1, $2, 'mock')", [ticketId, `pi_cap_${ticketId}_${i}`]);
    }
    const sixth = await sqlError(asPayments(student, "select app_hidden.record_payment_intent($1, 'pi_cap_x', 'mock')", [ticketId]));
    expect(sixth).toEqual({ code: "TK409", detail: "TOO_MANY_PAYMENT_ATTEMPTS" });
  });
});

describe("refund requests", () => {
  it("records one refund and queues one job per payment, however often it is requested", async () => {
    const ticketId = await heldTicket(student);
    await asPayments(student, "select app_hidden.record_payment_intent($1, $2, 'mock')", [ticketId, `pi_refund_${ticketId}`]);
    await db.owner.query("update app_private.payments set status = 'succeeded' where ticket_id = $1", [ticketId]);
    for (let i = 0; i < 3; i += 1) await db.owner.query("select app_private.request_refund($1)", [ticketId]);

    const { rows: refunds } = await db.owner.query(
      "select id, status, reason, amount_cents, idempotency_key from app_private.refunds where intent_id = $1",
      [`pi_refund_${ticketId}`],
    );
    expect(refunds).toEqual([
      { id: expect.any(String), status: "requested", reason: "cancelled", amount_cents: 1500, idempotency_key: `refund_pi_refund_${ticketId}` },
    ]);
    // The only refund of this database: one job, keyed by the refund.
    const { rows: jobs } = await db.owner.query("select key from graphile_worker.jobs where task_identifier = 'refund_payment'");
    expect(jobs).toEqual([{ key: `refund_payment:${refunds[0].id}` }]);
  });

  it("refunds nothing that was not paid", async () => {
    const ticketId = await heldTicket(student);
    await asPayments(student, "select app_hidden.record_payment_intent($1, $2, 'mock')", [ticketId, `pi_unpaid_${ticketId}`]);
    await db.owner.query("select app_private.request_refund($1)", [ticketId]);
    const { rows } = await db.owner.query("select count(*)::int as n from app_private.refunds where intent_id = $1", [
      `pi_unpaid_${ticketId}`,
    ]);
    expect(rows[0].n).toBe(0);
  });
});
