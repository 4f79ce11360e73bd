import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { formatPrice, formatTime } from "../lib/format.ts";
import type { DisplayState } from "../lib/salesState.ts";
import { Link } from "../router.tsx";

const BookTicket = graphql(`
  mutation BookTicket($input: BookTicketInput!) {
    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }
  }
`);

interface Props {
  event: { id: number; priceCents: number; maxTicketsPerStudent: number; holdMinutes: number };
  state: DisplayState;
}

// The button stays enabled in these states so that trying shows the API's own reason.
const unavailableText: Record<DisplayState, string> = {
  on_sale: "",
  few_left: "",
  sold_out: "Sold out: join the waitlist below to be offered a returned seat.",
  not_open: "Sales have not opened yet.",
  closed: "Sales have closed.",
  started: "This event has started.",
};

type Outcome = { booked: number; pending: number; holdUntil: string | null; refusal: string | null };

/**
 * Books `quantity` tickets, one bookTicket per ticket, one after the other.
 * Each ticket gets an idempotency key made when the click happens, so a double
 * click or a retried request books it once; the ref stops a second run while
 * one is in flight (the disabled button already does, this covers the gap
 * before React re-renders).
 */
export function BookingForm({ event, state }: Props) {
  const [, book] = useMutation(BookTicket);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inFlight = useRef(false);
  const canBook = state === "on_sale" || state === "few_left";
  const max = Math.max(1, event.maxTicketsPerStudent);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setOutcome(null);
    const keys = Array.from({ length: quantity }, () => crypto.randomUUID());
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
      setOutcome(result);
    }
  };

  return (
    <section className="card" aria-labelledby="book-title">
      <h2 id="book-title">Book tickets</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="quantity">Number of tickets</label>
          <select id="quantity" value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} disabled={busy}
            aria-describedby="quantity-hint">
            {Array.from({ length: max }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <p id="quantity-hint" className="field__hint">
            Up to {max} per student. {event.priceCents > 0 && `${formatPrice(event.priceCents)} each; pay within ${event.holdMinutes} minutes to keep the seat.`}
          </p>
        </div>
        <button type="submit" disabled={busy} aria-describedby={!canBook ? "book-unavailable" : undefined}>
          {busy ? "Booking…" : "Book"}
        </button>
        {!canBook && <p id="book-unavailable" className="field__hint">{unavailableText[state]}</p>}
      </form>
      <BookingOutcome outcome={outcome} />
    </section>
  );
}

function BookingOutcome({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return <div role="status" />;
  const { booked, pending, holdUntil, refusal } = outcome;
  return (
    <div role={refusal ? "alert" : "status"} className={refusal ? "error-box" : "notice"}>
      {booked > 0 && (
        <p>
          Booked {booked} ticket{booked === 1 ? "" : "s"}.{" "}
          {pending > 0 && holdUntil ? `Pay before ${formatTime(holdUntil)} to keep ${pending === 1 ? "it" : "them"}. ` : ""}
          <Link href="/tickets">Go to my tickets</Link>
        </p>
      )}
      {refusal && <p>{booked > 0 ? `The next ticket was refused: ${refusal}` : refusal}</p>}
    </div>
  );
}
