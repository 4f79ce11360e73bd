// Paying for a held ticket: the database says what is owed and records the
// intent (as ticketing_payments, with the verified caller's claims); the
// provider takes the money; the signed webhook settles it, as
// ticketing_webhook, which may do nothing else. Refunds (a cancelled paid
// ticket, a late payment) are requested in SQL and performed by the worker.
import type pg from "pg";
import type { PgSettings } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, appError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { MockPaymentProvider, type PaymentEvent } from "./mock-provider.ts";
import type { PaymentProvider } from "./provider.ts";

export type SettleOutcome = "confirmed" | "refund" | "duplicate";

const WEBHOOK_SETTINGS: PgSettings = { role: "ticketing_webhook" };
const PAYMENTS_ROLE = "ticketing_payments";

// 409, not 503: retrying will not help, and it is no fault of ours to log as an error.
const unavailable = () =>
  appError("PAYMENTS_UNAVAILABLE:server");
const noSuchCheckout = () => appError("NOT_FOUND:checkout");

export class PaymentService {
  /** Undefined when no provider is configured: paying answers PAYMENTS_UNAVAILABLE. */
  readonly provider: PaymentProvider | undefined;
  private readonly pool: pg.Pool;
  private readonly log: Logger;

  constructor(pool: pg.Pool, provider: PaymentProvider | undefined, log: Logger) {
    this.pool = pool;
    this.provider = provider;
    this.log = log;
  }

  /** The mock checkout, when the mock provider is the one configured. */
  get mock(): MockPaymentProvider | undefined {
    return this.provider instanceof MockPaymentProvider ? this.provider : undefined;
  }

  setWebhookUrl(url: string) {
    if (this.mock) this.mock.webhookUrl = url;
  }

  /** `settings` are the caller's (verified claims); the amount is the database's. */
  async startPayment(settings: PgSettings, ticketId: number) {
    const provider = this.provider;
    if (!provider) throw unavailable();
    if (!settings["jwt.claims.user_id"]) throw appError("UNAUTHENTICATED");
    const asPayments = { ...settings, role: PAYMENTS_ROLE };
    // Three steps, so that no database connection waits on the provider (a slow
    // provider must not hold connections that requests share): what is owed,
    // the provider's intent, then the record, checked again in SQL.
    const amountCents = await withPgSettings(this.pool, asPayments, async (db) => {
      const { rows } = await db.query<{ amount: number }>("select app_hidden.ticket_payment_amount($1) as amount", [ticketId]);
      return rows[0]!.amount;
    });
    const intent = await provider.createIntent({ ticketId, amountCents });
    try {
      const recorded = await withPgSettings(this.pool, asPayments, async (db) => {
        const { rows } = await db.query<{ amount: number }>("select app_hidden.record_payment_intent($1, $2, $3) as amount", [
          ticketId,
          intent.intentId,
          provider.name,
        ]);
        return rows[0]!.amount;
      });
      if (recorded !== amountCents) {
        throw appError("PRICE_CHANGED");
      }
    } catch (error) {
      // The ticket stopped being payable meanwhile (cancelled, expired): nobody may pay this intent.
      await provider.cancelIntent(intent.intentId).catch((cancelError: unknown) =>
        this.log.warn({ err: cancelError, intent: intent.intentId }, "could not cancel an unrecorded payment intent"),
      );
      throw error;
    }
    return { intent_id: intent.intentId, client_secret: intent.clientSecret, amount_cents: amountCents };
  }

  /** Called for a verified webhook only. */
  async settle(event: PaymentEvent): Promise<SettleOutcome> {
    const outcome = await withPgSettings(this.pool, WEBHOOK_SETTINGS, async (db) => {
      const { rows } = await db.query<{ outcome: SettleOutcome }>("select app_hidden.settle_payment($1, $2) as outcome", [
        event.data.intent_id,
        event.data.amount_cents,
      ]);
      return rows[0]!.outcome;
    });
    // 'refund': the refund was requested in the same transaction; the worker performs it.
    this.log.info({ intent: event.data.intent_id, outcome }, "payment settled");
    return outcome;
  }

  /** The mock's checkout page: the payer proves themselves with the intent's client secret. */
  async confirmMockCheckout(intentId: string, clientSecret: string) {
    const mock = this.mock;
    if (!mock || !mock.isClientSecret(intentId, clientSecret)) throw noSuchCheckout();
    const intent = await withPgSettings(this.pool, { role: PAYMENTS_ROLE }, async (db) => {
      const { rows } = await db.query<{ ticket_id: number; amount_cents: number }>(
        "select * from app_hidden.open_payment_intent($1)",
        [intentId],
      );
      return rows[0];
    });
    if (!intent) throw noSuchCheckout();
    return mock.completeCheckout({ intentId, ticketId: intent.ticket_id, amountCents: intent.amount_cents });
  }
}
