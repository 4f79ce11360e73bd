import type { MyTicketsQuery } from "../gql/graphql.ts";
import { formatDateTime, formatPrice, formatTime } from "../lib/format.ts";
import { Countdown } from "../components/Countdown.tsx";
import { Link } from "../router.tsx";
import { TicketQr } from "./TicketQr.tsx";
import { PayButton } from "./PayButton.tsx";
import { CancelTicketButton } from "./CancelTicketButton.tsx";

export type MyTicket = NonNullable<NonNullable<MyTicketsQuery["myTickets"]>["nodes"][number]>;

const statusText: Record<string, string> = {
  pending: "Awaiting payment",
  offered: "Offered from the waitlist",
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  expired: "Expired",
};

export function TicketCard({ ticket, onChanged, onNotice }: { ticket: MyTicket; onChanged: () => void; onNotice: (message: string) => void }) {
  const event = ticket.eventByEventId;
  const name = event?.name ?? `Event ${ticket.eventId}`;
  const headingId = `ticket-${ticket.id}-title`;
  const active = ticket.status === "pending" || ticket.status === "confirmed";
  return (
    <li className="card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}><Link href={`/events/${ticket.eventId}`}>{name}</Link></h3>
        <p>
          <strong>{statusText[ticket.status] ?? ticket.status}</strong>
          {ticket.checkedInAt && ` · admitted at ${formatTime(ticket.checkedInAt)}`}
          {" · "}Ticket #{ticket.id} · {formatPrice(ticket.priceCents)}
        </p>
        {event && <p><time className="nowrap" dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time> · {event.venue}</p>}
        {event?.status === "cancelled" && (
          <p className="notice notice--quiet">
            The event was cancelled by its organisers.{event.cancelReason && <> Their reason: <q>{event.cancelReason}</q></>}
            {ticket.priceCents > 0 && ticket.confirmedAt ? ` Your ${formatPrice(ticket.priceCents)} is being refunded.` : ""}
          </p>
        )}
        {ticket.status === "confirmed" && ticket.checkInCode && <TicketQr code={ticket.checkInCode} eventName={name} />}
        {ticket.status === "pending" && ticket.holdExpiresAt && (
          <Countdown until={ticket.holdExpiresAt} label="Pay before" onExpired={onChanged} />
        )}
        {active && !ticket.checkedInAt && (
          <div className="actions">
            {ticket.status === "pending" && (
              <PayButton ticketId={ticket.id} onPaid={() => {
                onNotice(`Paid ${formatPrice(ticket.priceCents)}: your ticket for ${name} is confirmed. Show its QR code at the door.`);
                onChanged();
              }} />
            )}
            <CancelTicketButton ticketId={ticket.id} eventName={name} onCancelled={() => {
              const refund = ticket.status === "confirmed" && ticket.priceCents > 0 ? ` Your ${formatPrice(ticket.priceCents)} is being refunded.` : "";
              onNotice(`Ticket #${ticket.id} for ${name} is cancelled; the seat went back on sale.${refund}`);
              onChanged();
            }} />
          </div>
        )}
      </article>
    </li>
  );
}
