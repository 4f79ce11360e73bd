// The worker's side of payments: performing requested refunds at the provider,
// and pruning intents that can no longer be paid. Both run as graphile-worker
// tasks (src/worker/tasks.ts) on the owner connection.
import type { JobHelpers } from "graphile-worker";
import type { PaymentProvider, RefundResult } from "./provider.ts";

interface RefundAttempt {
  intent_id: string;
  provider: string;
  amount_cents: number;
  idempotency_key: string;
}

/**
 * One attempt at a requested refund. The refund row stays locked until this
 * transaction ends, so a second run of the same job waits and then finds it
 * done; the provider gets the refund's own idempotency key on every attempt,
 * so a retry after a lost answer does not refund twice. A thrown error (or no
 * matching provider) is recorded and retried by graphile-worker; the last
 * attempt marks the refund failed.
 */
export async function performRefund(provider: PaymentProvider | undefined, refundId: number, helpers: JobHelpers) {
  const finalAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  await helpers.withPgClient(async (client) => {
    const finish = (status: string, providerRefundId: string | null, error: string | null) =>
      client.query("select app_private.finish_refund_attempt($1, $2, $3, $4)", [refundId, status, providerRefundId, error]);
    await client.query("begin");
    let failure: Error | undefined;
    try {
      const { rows } = await client.query<RefundAttempt>("select * from app_private.begin_refund_attempt($1)", [refundId]);
      const refund = rows[0];
      if (refund) {
        let result: RefundResult | undefined;
        if (!provider || provider.name !== refund.provider) {
          failure = new Error(`payment provider '${refund.provider}' is not configured in this worker`);
        } else {
          try {
            result = await provider.refund({
              intentId: refund.intent_id,
              amountCents: refund.amount_cents,
              idempotencyKey: refund.idempotency_key,
            });
          } catch (error) {
            failure = error instanceof Error ? error : new Error(String(error));
          }
        }
        if (result?.status === "succeeded") await finish("succeeded", result.refundId, null);
        else if (result?.status === "failed") await finish("failed", null, result.reason);
        else await finish(finalAttempt ? "failed" : "requested", null, failure!.message.slice(0, 500));
      }
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
    if (failure) throw failure;
  });
}

/** Cancel stale unpaid intents at their provider, then forget them. */
export async function pruneIntents(provider: PaymentProvider | undefined, helpers: JobHelpers, batch = 100) {
  const { rows } = await helpers.query<{ intent_id: string; provider: string }>(
    "select * from app_private.stale_payment_intents($1)",
    [batch],
  );
  let pruned = 0;
  for (const intent of rows) {
    // An intent we cannot cancel could still be paid: keep it, so its payment is refunded when it comes.
    if (!provider || provider.name !== intent.provider) continue;
    await provider.cancelIntent(intent.intent_id);
    const { rows: deleted } = await helpers.query<{ deleted: boolean | null }>(
      "select app_private.delete_payment_intent($1) as deleted",
      [intent.intent_id],
    );
    if (deleted[0]?.deleted) pruned += 1;
  }
  if (rows.length > pruned) helpers.logger.warn(`${rows.length - pruned} stale payment intent(s) kept: their provider is not configured`);
  return pruned;
}
