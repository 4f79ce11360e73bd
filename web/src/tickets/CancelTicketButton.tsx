import { useRef, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

const CancelTicket = graphql(`
  mutation CancelTicket($ticketId: Int!) {
    cancelTicket(input: { ticketId: $ticketId }) { result { id status cancelledAt } }
  }
`);

/** Cancel asks first, in a modal dialog; the seat goes back to everyone watching. */
export function CancelTicketButton({ ticketId, eventName, onCancelled }: {
  ticketId: number; eventName: string; onCancelled: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [result, cancel] = useMutation(CancelTicket);
  const [error, setError] = useState<string | null>(null);
  const titleId = `cancel-title-${ticketId}`;
  const confirm = async () => {
    setError(null);
    const r = await cancel({ ticketId }, { additionalTypenames: ["Ticket"] });
    if (r.data?.cancelTicket?.result) {
      dialog.current?.close();
      onCancelled();
    } else {
      const errs = apiErrors(r.error);
      setError(errs.general[0] ?? Object.values(errs.byField)[0] ?? "The ticket could not be cancelled.");
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => dialog.current?.showModal()}>Cancel</button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>Give up this ticket?</h2>
        <p>Your seat for {eventName} goes back on sale (or to the next student on the waitlist). This cannot be undone.</p>
        {error && <p role="alert" className="field__error">{error}</p>}
        <div className="actions">
          <button type="button" className="danger" onClick={confirm} disabled={result.fetching}>
            {result.fetching ? "Releasing…" : "Yes, release my seat"}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()} autoFocus>
            Keep my ticket
          </button>
        </div>
      </dialog>
    </>
  );
}
