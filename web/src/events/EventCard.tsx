import { memo } from "react";
import { Link } from "../router.tsx";
import { formatPrice } from "../lib/format.ts";
import { displayState, type Availability } from "../lib/salesState.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { RemainingCount } from "../components/RemainingCount.tsx";
import { EventArt } from "./EventArt.tsx";
import { When } from "./EventFacts.tsx";
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
  const state = displayState(availability);
  return (
    <li className="card event-card">
      <article aria-labelledby={headingId}>
        <EventArt event={event} size="card" />
        <div className="event-card__body">
          <h2 id={headingId}>
            <Link href={`/events/${event.id}`}>{event.name}</Link>
          </h2>
          <p className="event-card__meta">
            <When iso={event.startsAt} /> · {event.venue}
            {/* Who runs it: the club's page lists its other events. */}
            {event.club && <> · <Link href={`/clubs/${event.club.id}`}>{event.club.name}</Link></>}
          </p>
          <p className="event-card__status">
            <StateBadge state={state} />
            <span className="event-card__price">{formatPrice(event.priceCents)}</span>
            <RemainingCount remaining={availability.ticketsRemaining} total={availability.totalTickets} />
          </p>
        </div>
      </article>
    </li>
  );
}, (a, b) =>
  a.event === b.event &&
  a.availability.ticketsRemaining === b.availability.ticketsRemaining &&
  a.availability.totalTickets === b.availability.totalTickets &&
  a.availability.salesState === b.availability.salesState);
