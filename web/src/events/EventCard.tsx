import { memo } from "react";
import { Link } from "../router.tsx";
import { displayState, type Availability } from "../lib/salesState.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { EventFacts } from "./EventFacts.tsx";
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
        <EventFacts event={{ ...event, salesStart: null, salesEnd: null }} availability={availability} />
      </article>
    </li>
  );
}, (a, b) =>
  a.event === b.event &&
  a.availability.ticketsRemaining === b.availability.ticketsRemaining &&
  a.availability.totalTickets === b.availability.totalTickets &&
  a.availability.salesState === b.availability.salesState);
