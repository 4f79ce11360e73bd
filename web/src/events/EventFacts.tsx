import { formatDateTime, formatPrice } from "../lib/format.ts";
import type { Availability } from "../lib/salesState.ts";
import { RemainingCount } from "../components/RemainingCount.tsx";

/** What the list's cards and the event page both show of an event (the page adds the sales window). */
export interface EventFactsOf {
  startsAt: string;
  venue: string;
  priceCents: number;
  categoryByCategoryId?: { name: string } | null;
  salesStart?: string | null;
  salesEnd?: string | null;
}

export function EventFacts({ event, availability }: { event: EventFactsOf; availability: Availability }) {
  return (
    <dl>
      <dt>When</dt>
      <dd><time dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time></dd>
      <dt>Where</dt>
      <dd>{event.venue}</dd>
      <dt>Category</dt>
      <dd>{event.categoryByCategoryId?.name ?? "Uncategorised"}</dd>
      <dt>Price</dt>
      <dd>{formatPrice(event.priceCents)}</dd>
      <dt>Tickets</dt>
      <dd><RemainingCount remaining={availability.ticketsRemaining} total={availability.totalTickets} /></dd>
      {event.salesStart && (<><dt>Sales open</dt><dd>{formatDateTime(event.salesStart)}</dd></>)}
      {event.salesEnd && (<><dt>Sales close</dt><dd>{formatDateTime(event.salesEnd)}</dd></>)}
    </dl>
  );
}
