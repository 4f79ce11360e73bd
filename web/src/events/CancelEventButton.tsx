import { useRef, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

const CancelEvent = graphql(`
  mutation CancelEvent($eventId: Int!, $reason: String!) {
    cancelEvent(input: { eventId: $eventId, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }
  }
`);

/** The reason's bounds: the events_cancel_reason_valid constraint's (the database refuses beyond them too). */
const REASON_MAX = 500;

/**
 * Calling an event off, for the people who may (admins; the owners and managers
 * of its club: the database decides, this only asks). A modal dialog first: the
 * organiser writes the reason students will read, and confirms; it cannot be undone.
 */
export function CancelEventButton({ eventId, eventName, onCancelled }: { eventId: number; eventName: string; onCancelled: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [result, cancel] = useMutation(CancelEvent);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const titleId = `cancel-event-title-${eventId}`;
  const confirm = async (submitted: React.FormEvent) => {
    submitted.preventDefault();
    setError(null);
    const r = await cancel({ eventId, reason }, { additionalTypenames: ["Event", "Ticket"] });
    if (r.data?.cancelEvent?.event) {
      dialog.current?.close();
      onCancelled();
    } else {
      const errs = apiErrors(r.error);
      setError(errs.byField.reason ?? errs.general[0] ?? "The event could not be cancelled.");
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>Cancel event</button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <form onSubmit={confirm}>
          <h2 id={titleId}>Cancel {eventName}?</h2>
          <p>
            Every ticket is cancelled and every payment refunded, the waitlist is closed, and each ticket holder and
            waiting student gets one email with your reason. This cannot be undone.
          </p>
          <div className="field">
            <label htmlFor={`cancel-reason-${eventId}`}>Reason (students will read it)</label>
            <textarea id={`cancel-reason-${eventId}`} value={reason} onChange={(e) => setReason(e.target.value)}
              required maxLength={REASON_MAX} rows={3} aria-invalid={error ? true : undefined}
              aria-describedby={error ? `cancel-error-${eventId}` : undefined} />
          </div>
          {error && <p role="alert" id={`cancel-error-${eventId}`} className="field__error">{error}</p>}
          <div className="actions">
            <button type="submit" className="danger" disabled={result.fetching}>
              {result.fetching ? "Cancelling…" : "Yes, cancel the event"}
            </button>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Keep the event
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
