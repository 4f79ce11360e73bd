// What we need from a payment provider. The mock (mock-provider.ts) implements
// it; a real provider's client would too. Which one runs is configuration
// (PAYMENT_PROVIDER, make-provider.ts).

export interface CreatedIntent {
  intentId: string;
  /** Handed to the payer's checkout: proof that they are the payer. */
  clientSecret: string;
}

export type RefundResult =
  | { status: "succeeded"; refundId: string }
  /** The provider refused for good (a transient failure throws instead, and is retried). */
  | { status: "failed"; reason: string };

export interface PaymentProvider {
  /** Recorded with each intent, so a refund goes to the provider that took the money. */
  readonly name: string;
  createIntent(request: { ticketId: number; amountCents: number }): Promise<CreatedIntent>;
  /** The intent can no longer be paid (it is pruned). */
  cancelIntent(intentId: string): Promise<void>;
  /** Must be idempotent per key: the same key never refunds twice, however often it is sent. */
  refund(request: { intentId: string; amountCents: number; idempotencyKey: string }): Promise<RefundResult>;
  close(): Promise<void>;
}
