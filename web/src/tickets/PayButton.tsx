import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

const PayForTicket = graphql(`
  mutation PayForTicket($ticketId: Int!) {
    payForTicket(ticketId: $ticketId) { intentId clientSecret amountCents }
  }
`);

/**
 * Starts a payment, then completes it at the mock provider's checkout (the
 * development/test provider: POST /payments/mock/:intentId/confirm with the
 * client secret). The provider then tells our server, which confirms the ticket.
 */
export function PayButton({ ticketId, onPaid }: { ticketId: number; onPaid: () => void }) {
  const [, pay] = useMutation(PayForTicket);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await pay({ ticketId });
      const intent = r.data?.payForTicket;
      if (!intent) {
        const errs = apiErrors(r.error);
        setError(errs.general[0] ?? Object.values(errs.byField)[0] ?? "The payment could not be started.");
        return;
      }
      const res = await fetch(`/payments/mock/${encodeURIComponent(intent.intentId)}/confirm`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_secret: intent.clientSecret }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `The checkout failed (HTTP ${res.status}).`);
        return;
      }
      onPaid();
    } catch {
      setError("The payment could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={onClick} disabled={busy}>{busy ? "Paying…" : "Pay"}</button>
      {error && <p role="alert" className="field__error">{error}</p>}
    </>
  );
}
