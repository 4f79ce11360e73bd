// A mock payment provider with the shape of a real one: payment intents,
// confirmation, refunds, and a signed webhook to our /webhooks/payments.
// Intents live in this process's memory, like a provider's sandbox; the
// booking state they settle lives in the database.
import { randomBytes } from "node:crypto";
import type { Logger } from "../log.ts";
import { signWebhook } from "./webhook-signature.ts";

export interface PaymentIntent {
  id: string;
  client_secret: string;
  amount_cents: number;
  ticket_id: number;
  status: "requires_confirmation" | "succeeded" | "refunded";
}

export interface PaymentEvent {
  type: "payment_intent.succeeded";
  data: { intent_id: string; ticket_id: number; amount_cents: number };
}

export class MockPaymentProvider {
  private readonly intents = new Map<string, PaymentIntent>();
  private readonly webhookSecret: string;
  private readonly log: Logger;
  /** Where webhooks are delivered (this server's /webhooks/payments). */
  webhookUrl = "";

  constructor(webhookSecret: string, log: Logger) {
    this.webhookSecret = webhookSecret;
    this.log = log;
  }

  createIntent(amountCents: number, ticketId: number): PaymentIntent {
    const id = `pi_mock_${randomBytes(12).toString("hex")}`;
    const intent: PaymentIntent = {
      id,
      client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
      amount_cents: amountCents,
      ticket_id: ticketId,
      status: "requires_confirmation",
    };
    this.intents.set(id, intent);
    return intent;
  }

  /** The customer completes checkout: the provider tells us through the signed webhook. */
  async confirm(intentId: string): Promise<{ status: number; body: unknown } | undefined> {
    const intent = this.intents.get(intentId);
    if (!intent || intent.status !== "requires_confirmation") return undefined;
    intent.status = "succeeded";
    const event: PaymentEvent = {
      type: "payment_intent.succeeded",
      data: { intent_id: intent.id, ticket_id: intent.ticket_id, amount_cents: intent.amount_cents },
    };
    const body = JSON.stringify(event);
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "payment-signature": signWebhook(body, this.webhookSecret) },
      body,
    });
    return { status: response.status, body: await response.json() };
  }

  refund(intentId: string): void {
    const intent = this.intents.get(intentId);
    if (intent) intent.status = "refunded";
    this.log.info({ intent: intentId }, "payment refunded (mock provider)");
  }
}
