import { formatDateTime } from "../lib/format.ts";

/** What a cancelled event's page says instead of any call to action: when, and the organisers' reason. */
export function CancelledNotice({ cancelledAt, reason }: { cancelledAt?: string | null; reason?: string | null }) {
  return (
    <section className="card action-panel cancelled-notice" aria-labelledby="cancelled-title">
      <h2 id="cancelled-title">This event is cancelled</h2>
      <p>
        The organisers called it off{cancelledAt && <> on <time className="nowrap" dateTime={cancelledAt}>{formatDateTime(cancelledAt)}</time></>}.
        {reason && <> Their reason: <q>{reason}</q></>}
      </p>
      <p>Every ticket was cancelled and every payment is being refunded; ticket holders were emailed.</p>
    </section>
  );
}
