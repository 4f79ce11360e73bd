// POST /tickets/:id/pay; with a provider, POST /webhooks/payments; with the
// mock provider only, POST /payments/mock/:intent/confirm (its checkout page).
import express from "express";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { AppError, appError } from "../errors.ts";
import type { PaymentEvent } from "../payments/mock-provider.ts";
import { verifyWebhook } from "../payments/webhook-signature.ts";
import { requireSignIn, type RestDeps } from "./context.ts";
import { parseBody, parseId } from "./input.ts";
import { mockConfirmRequest } from "./schemas.ts";

/** Mounted before the JSON body parser: the signature covers the raw bytes. */
export function webhookRoutes({ payments, paymentWebhookSecret }: RestDeps) {
  const router = express.Router();
  if (!payments.provider) return router;
  router.post("/webhooks/payments", express.raw({ type: "*/*", limit: "64kb" }), async (req, res) => {
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
  });
  return router;
}

export function paymentRoutes({ payments }: RestDeps) {
  const router = express.Router();

  router.post("/tickets/:id/pay", requireSignIn, async (req, res) => {
    const ticketId = parseId(req.params.id, "ticket");
    res.status(201).json({ payment: await payments.startPayment(pgSettingsFor(req.claims!), ticketId) });
  });

  if (payments.mock) {
    // Stands in for the provider's checkout page: whoever holds the intent's
    // client secret completes the payment, which makes the provider call our webhook.
    router.post("/payments/mock/:intentId/confirm", async (req, res) => {
      const { client_secret: clientSecret } = parseBody(mockConfirmRequest, req);
      const delivered = await payments.confirmMockCheckout(String(req.params.intentId), clientSecret);
      res.status(delivered.status).json(delivered.body);
    });
  }

  return router;
}
