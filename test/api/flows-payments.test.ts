// Paying for a held ticket: the mock checkout, the provider's signed webhook,
// late payments refunded, tickets that cannot be paid. HTTP, SQL and the real
// graphile-worker tasks; after every step the inventory adds up.
import { describe, expect, it } from "vitest";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { MockPaymentProvider } from "../../src/payments/mock-provider.ts";
import { log } from "../../src/log.ts";
import { request, testPaymentSecret, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { expireHold, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { paidEvent, book, ticket, expectInventoryAddsUp, checkout, webhook } = flowSteps(t);

describe("payments", () => {
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
