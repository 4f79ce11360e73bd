import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { Countdown } from "../components/Countdown.tsx";
import { formatPrice } from "../lib/format.ts";
import { Link } from "../router.tsx";
import type { WaitlistEntry } from "./useMyWaitlist.ts";

const AcceptOffer = graphql(`
  mutation AcceptOffer($entryId: Int!) {
    acceptWaitlistOffer(input: { entryId: $entryId }) { result { id status holdExpiresAt } }
  }
`);

/** A seat offered from the waitlist: accept it before it lapses to the next student. */
export function WaitlistOffer({ entry, onChanged }: { entry: WaitlistEntry; onChanged: () => void }) {
  const [result, accept] = useMutation(AcceptOffer);
  const ticket = entry.ticketByTicketId;
  const errors = apiErrors(result.error);
  const onAccept = async () => {
    const r = await accept({ entryId: entry.id }, { additionalTypenames: ["Ticket", "WaitlistEntry"] });
    if (r.data?.acceptWaitlistOffer?.result) onChanged();
  };
  return (
    <div className="notice" role="status">
      <p><strong>A seat opened up for {entry.eventByEventId?.name ?? "this event"}!</strong>
        {ticket && ticket.priceCents > 0 ? ` ${formatPrice(ticket.priceCents)}.` : ""}</p>
      {ticket?.holdExpiresAt && <Countdown until={ticket.holdExpiresAt} label="Offer expires at" onExpired={onChanged} />}
      <div className="actions">
        <button type="button" onClick={onAccept} disabled={result.fetching}>
          {result.fetching ? "Accepting…" : "Accept"}
        </button>
      </div>
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </div>
  );
}

/** After Accept: the seat is the student's (a paid one still needs paying). */
export function AcceptedOffer({ entry }: { entry: WaitlistEntry }) {
  return (
    <div role="status" className="notice">
      {entry.ticketByTicketId?.status === "pending" ? (
        <p>Seat accepted. <Link href="/tickets">Pay for it in My tickets</Link> before the hold runs out.</p>
      ) : (
        <p>Seat accepted: your ticket is confirmed. <Link href="/tickets">See it in My tickets</Link>.</p>
      )}
    </div>
  );
}
