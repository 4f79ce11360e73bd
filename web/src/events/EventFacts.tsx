import { formatDateTime, formatPrice } from "../lib/format.ts";
import type { Availability } from "../lib/salesState.ts";
import { RemainingCount } from "../components/RemainingCount.tsx";
import { Link } from "../router.tsx";

/** What the list's cards and the event page both show of an event (the page adds the sales window). */
export interface EventFactsOf {
  startsAt: string;
  venue: string;
  priceCents: number;
  categoryByCategoryId?: { name: string } | null;
  club?: { id: number; name: string } | null;
  salesStart?: string | null;
  salesEnd?: string | null;
}

/** A moment that never breaks between its date and its time. */
export function When({ iso }: { iso: string }) {
  return <time className="nowrap" dateTime={iso}>{formatDateTime(iso)}</time>;
}

export function EventFacts({ event, availability }: { event: EventFactsOf; availability: Availability }) {
  return (
    <dl className="facts">
      <dt>When</dt>
      <dd><When iso={event.startsAt} /></dd>
      <dt>Where</dt>
      <dd>{event.venue}</dd>
      {event.club && (<><dt>Club</dt><dd><Link href={`/clubs/${event.club.id}`}>{event.club.name}</Link></dd></>)}
      <dt>Category</dt>
      <dd>{event.categoryByCategoryId?.name ?? "Uncategorised"}</dd>
      <dt>Price</dt>
      <dd>{formatPrice(event.priceCents)}</dd>
      <dt>Tickets</dt>
      <dd>
        {availability.salesState === "cancelled"
          ? "None: the event is cancelled"
          : <RemainingCount remaining={availability.ticketsRemaining} total={availability.totalTickets} />}
      </dd>
      {event.salesStart && (<><dt>Sales open</dt><dd><When iso={event.salesStart} /></dd></>)}
      {event.salesEnd && (<><dt>Sales close</dt><dd><When iso={event.salesEnd} /></dd></>)}
    </dl>
  );
}
