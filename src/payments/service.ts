// Paying for a held ticket: the database says what is owed and records the
// intent; the provider takes the money; the signed webhook settles it, as the
// ticketing_webhook role, which may do nothing else.
import type pg from "pg";
import type { PgSettings } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import type { Logger } from "../log.ts";
import type { MockPaymentProvider, PaymentEvent } from "./mock-provider.ts";

export type SettleOutcome = "confirmed" | "refund" | "duplicate";

const WEBHOOK_SETTINGS: PgSettings = { role: "ticketing_webhook" };

export class PaymentService {
  readonly provider: MockPaymentProvider;
  private readonly pool: pg.Pool;
  private readonly log: Logger;

  constructor(pool: pg.Pool, provider: MockPaymentProvider, log: Logger) {
    this.pool = pool;
    this.provider = provider;
    this.log = log;
  }

  async startPayment(settings: PgSettings, ticketId: number) {
    return withPgSettings(this.pool, settings, async (db) => {
      const { rows } = await db.query<{ amount: number }>("select app_public.ticket_payment_amount($1) as amount", [ticketId]);
      const intent = this.provider.createIntent(rows[0]!.amount, ticketId);
      await db.query("select app_public.record_payment_intent($1, $2, $3)", [ticketId, intent.id, intent.amount_cents]);
      return { intent_id: intent.id, client_secret: intent.client_secret, amount_cents: intent.amount_cents };
    });
  }

  async settle(event: PaymentEvent): Promise<SettleOutcome> {
    const outcome = await withPgSettings(this.pool, WEBHOOK_SETTINGS, async (db) => {
      const { rows } = await db.query<{ outcome: SettleOutcome }>("select app_public.settle_payment($1, $2) as outcome", [
        event.data.intent_id,
        event.data.amount_cents,
      ]);
      return rows[0]!.outcome;
    });
    // Too late (hold expired, ticket cancelled): the money goes back; the seat was never given twice.
    if (outcome === "refund") this.provider.refund(event.data.intent_id);
    this.log.info({ intent: event.data.intent_id, outcome }, "payment settled");
    return outcome;
  }
}
