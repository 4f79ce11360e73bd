import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { formatPrice, formatTime, plural } from "../lib/format.ts";
import { Link } from "../router.tsx";

const BookTicket = graphql(`
  mutation BookTicket($input: BookTicketInput!) {
    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }
  }
`);

interface Props {
  event: { id: number; priceCents: number; holdMinutes: number };
  /** Tickets this student may still book (the per-student limit less those held). */
  max: number;
  held: number;
  onOutcome: (outcome: Outcome | null) => void;
}

export type Outcome = { booked: number; pending: number; holdUntil: string | null; refusal: string | null };

/**
 * Books `quantity` tickets, one bookTicket per ticket, one after the other.
 * Each ticket gets an idempotency key made when the click happens, so a double
 * click or a retried request books it once; the ref stops a second run while
 * one is in flight (the disabled button already does, this covers the gap
 * before React re-renders).
 */
export function BookingForm({ event, max, held, onOutcome }: Props) {
  const [, book] = useMutation(BookTicket);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const count = Math.min(quantity, max);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    onOutcome(null);
    const keys = Array.from({ length: count }, () => crypto.randomUUID());
    const result: Outcome = { booked: 0, pending: 0, holdUntil: null, refusal: null };
    try {
      for (const idempotencyKey of keys) {
        const r = await book({ input: { eventId: event.id, idempotencyKey } }, { additionalTypenames: ["Ticket"] });
        const payload = r.data?.bookTicket;
        if (!payload) {
          const errs = apiErrors(r.error);
          result.refusal = [...Object.values(errs.byField), ...errs.general][0] ?? "The booking was refused.";
          break;
        }
        result.booked++;
        if (payload.status === "pending") {
          result.pending++;
          result.holdUntil = payload.holdExpiresAt ?? result.holdUntil;
        }
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
      onOutcome(result);
    }
  };

  const price = event.priceCents > 0 ? `${formatPrice(event.priceCents)} each; pay within ${event.holdMinutes} minutes to keep the seat.` : "Free.";
  return (
    <form onSubmit={submit} className="booking-form">
      {held > 0 && <p>You hold {plural(held, "ticket")} already.</p>}
      {max > 1 ? (
        <div className="field">
          <label htmlFor="quantity">Number of tickets</label>
          <select id="quantity" value={count} onChange={(e) => setQuantity(Number(e.target.value))} disabled={busy}
            aria-describedby="quantity-hint">
            {Array.from({ length: max }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <p id="quantity-hint" className="field__hint">Up to {max} more. {price}</p>
        </div>
      ) : (
        <p className="field__hint">One ticket per student. {price}</p>
      )}
      <button type="submit" disabled={busy}>{busy ? "Booking…" : "Book"}</button>
    </form>
  );
}

export function BookingOutcome({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return <div role="status" />;
  const { booked, pending, holdUntil, refusal } = outcome;
  return (
    <div role={refusal ? "alert" : "status"} className={refusal ? "error-box" : "notice"}>
      {booked > 0 && (
        <p>
          Booked {plural(booked, "ticket")}.{" "}
          {pending > 0 && holdUntil ? `Pay before ${formatTime(holdUntil)} to keep ${pending === 1 ? "it" : "them"}. ` : ""}
          <Link href="/tickets">Go to my tickets</Link>
        </p>
      )}
      {refusal && <p>{booked > 0 ? `The next ticket was refused: ${refusal}` : refusal}</p>}
    </div>
  );
}
