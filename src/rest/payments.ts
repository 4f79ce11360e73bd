// Paying for a held ticket; with a provider, its webhook; with the mock
// provider only, its checkout page.
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { appError } from "../errors.ts";
import type { PaymentEvent } from "../payments/mock-provider.ts";
import { verifyWebhook } from "../payments/webhook-signature.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const payRoute = route({
  method: "post", path: "/tickets/{id}/pay", id: "ticket", summary: "Start paying for a held ticket", tag: "Payments", access: "student",
  responses: { 201: ok(s.payment, "Payment started: complete it at the provider's checkout") },
  errors: [400, 401, 403, 404, 409],
  codes: { 409: ["NOT_PAYABLE", "PAYMENTS_UNAVAILABLE", "TOO_MANY_PAYMENT_ATTEMPTS", "PRICE_CHANGED"] },
  async handle({ req, res, deps, id }) {
    res.status(201).json({ payment: await deps.payments.startPayment(pgSettingsFor(req.claims!), id) });
  },
});

/** The body arrives as raw bytes: the signature covers them. */
export const webhookRoute = route({
  method: "post", path: "/webhooks/payments", only: "payments", rawBody: true,
  summary: "The payment provider reports a payment (signed)", tag: "Payments", access: "provider",
  headers: [{ name: "Payment-Signature", description: "t=<unix seconds>,v1=<HMAC-SHA256 of '<t>.<raw body>'>" }],
  responses: { 200: ok(s.webhookAck, "Received") }, errors: [400, 404],
  codes: { 400: ["INVALID_SIGNATURE", "INVALID_INPUT", "AMOUNT_MISMATCH"], 404: ["NOT_FOUND"] },
  async handle({ req, res, deps: { payments, paymentWebhookSecret } }) {
    const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    if (!verifyWebhook(body, req.header("payment-signature"), paymentWebhookSecret)) {
      throw appError("INVALID_SIGNATURE");
    }
    let event: PaymentEvent;
    try {
      event = JSON.parse(body) as PaymentEvent;
    } catch {
      throw appError("INVALID_INPUT:webhook_json");
    }
    if (event.type !== "payment_intent.succeeded" || typeof event.data?.intent_id !== "string") {
      res.json({ received: true, ignored: true });
      return;
    }
    res.json({ received: true, outcome: await payments.settle(event) });
  },
});

/**
 * Stands in for the provider's checkout page: whoever holds the intent's
 * client secret completes the payment, which makes the provider call our webhook.
 */
export const mockCheckoutRoute = route({
  method: "post", path: "/payments/mock/{intent_id}/confirm", only: "mock",
  summary: "The mock provider's checkout page: pay with the intent's client secret (development only)", tag: "Payments",
  access: "payer", body: s.mockConfirmRequest,
  responses: { 200: ok(s.webhookAck, "Paid: what our webhook answered the provider") }, errors: [400, 404, 415],
  async handle({ req, res, deps, body: { client_secret } }) {
    const delivered = await deps.payments.confirmMockCheckout(String(req.params.intent_id), client_secret);
    res.status(delivered.status).json(delivered.body);
  },
});
