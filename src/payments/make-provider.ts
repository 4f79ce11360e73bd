// Which payment provider runs is configuration (PAYMENT_PROVIDER): the server
// and the worker each build theirs here. "none" means paid events cannot be sold.
import type { Logger } from "../log.ts";
import { MockPaymentProvider } from "./mock-provider.ts";
import type { PaymentProvider } from "./provider.ts";

export type PaymentProviderName = "mock" | "none";

export function makePaymentProvider(
  name: PaymentProviderName,
  options: { webhookSecret?: string; ledgerUrl?: string; log: Logger },
): PaymentProvider | undefined {
  if (name === "mock") return new MockPaymentProvider(options);
  return undefined;
}
