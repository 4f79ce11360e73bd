import { memo } from "react";
import { Link } from "../router.tsx";
import { formatDateTime, formatPrice } from "../lib/format.ts";
import { displayState, type Availability } from "../lib/salesState.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { RemainingCount } from "../components/RemainingCount.tsx";
import type { ListedEvent } from "./EventListChunk.tsx";

interface Props {
  event: ListedEvent;
  availability: Availability;
}

/**
 * Memoised on the values shown: a live message re-renders only the card whose
 * count or state changed, not every loaded card (the list may hold hundreds).
 */
export const EventCard = memo(function EventCard({ event, availability }: Props) {
  const headingId = `event-${event.id}-name`;
  return (
    <li className="card">
      <article aria-labelledby={headingId}>
        <h2 id={headingId}>
          <Link href={`/events/${event.id}`}>{event.name}</Link>
        </h2>
        <StateBadge state={displayState(availability)} />
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
        </dl>
      </article>
    </li>
  );
}, (a, b) =>
  a.event === b.event &&
  a.availability.ticketsRemaining === b.availability.ticketsRemaining &&
  a.availability.totalTickets === b.availability.totalTickets &&
  a.availability.salesState === b.availability.salesState);
