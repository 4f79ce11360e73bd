// A mock payment provider with the shape of a real one: intents with a client
// secret, a checkout that makes the provider call our signed webhook, refunds
// that are idempotent per key. Only mounted when PAYMENT_PROVIDER=mock.
//
// It keeps no state in memory: the intents are our app_private.payments rows
// (read by the service), the client secret is derived from the intent id with
// an HMAC, and its refund ledger is a table the worker writes through the
// owner connection (`ledgerUrl`), so any process sees the same refunds.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import { makePool } from "../db/pools.ts";
import type { Logger } from "../log.ts";
import type { CreatedIntent, PaymentProvider, RefundResult } from "./provider.ts";
import { signWebhook } from "./webhook-signature.ts";

export interface PaymentEvent {
  type: "payment_intent.succeeded";
  data: { intent_id: string; ticket_id: number; amount_cents: number };
}

export class MockPaymentProvider implements PaymentProvider {
  readonly name = "mock";
  /** Where webhooks are delivered (this server's /webhooks/payments). */
  webhookUrl = "";
  private readonly webhookSecret: string;
  private readonly ledgerUrl: string | undefined;
  private ledger: pg.Pool | undefined;
  private readonly log: Logger;

  constructor(options: { webhookSecret?: string; ledgerUrl?: string; log: Logger }) {
    // Without a secret (the worker only refunds) no client secret can verify.
    this.webhookSecret = options.webhookSecret ?? randomBytes(32).toString("hex");
    this.ledgerUrl = options.ledgerUrl;
    this.log = options.log;
  }

  async createIntent(): Promise<CreatedIntent> {
    const intentId = `pi_mock_${randomBytes(12).toString("hex")}`;
    return { intentId, clientSecret: `${intentId}_secret_${this.secretOf(intentId)}` };
  }

  /** Only the payer holds the client secret of their intent. */
  isClientSecret(intentId: string, clientSecret: string): boolean {
    const expected = Buffer.from(`${intentId}_secret_${this.secretOf(intentId)}`);
    const given = Buffer.from(clientSecret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The payer completed checkout: the provider tells us through the signed webhook. */
  async completeCheckout(intent: { intentId: string; ticketId: number; amountCents: number }) {
    const event: PaymentEvent = {
      type: "payment_intent.succeeded",
      data: { intent_id: intent.intentId, ticket_id: intent.ticketId, amount_cents: intent.amountCents },
    };
    const body = JSON.stringify(event);
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "payment-signature": signWebhook(body, this.webhookSecret) },
      body,
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async cancelIntent(): Promise<void> {
    // Its intents are our rows: once pruned, checkout finds nothing to pay.
  }

  async refund(request: { intentId: string; amountCents: number; idempotencyKey: string }): Promise<RefundResult> {
    if (!this.ledgerUrl) throw new Error("the mock provider refunds only where it has its ledger (the worker)");
    if (!this.ledger) {
      this.ledger = makePool("mock-ledger", this.ledgerUrl, { max: 2 }, this.log);
    }
    const { rows } = await this.ledger.query<{ refund_id: string }>(
      "select app_private.mock_provider_refund($1, $2, $3) as refund_id",
      [request.idempotencyKey, request.intentId, request.amountCents],
    );
    this.log.info({ intent: request.intentId, refund: rows[0]!.refund_id }, "payment refunded (mock provider)");
    return { status: "succeeded", refundId: rows[0]!.refund_id };
  }

  async close() {
    await this.ledger?.end();
    this.ledger = undefined;
  }

  private secretOf(intentId: string) {
    return createHmac("sha256", this.webhookSecret).update(`mock-client-secret:${intentId}`).digest("hex").slice(0, 32);
  }
}
