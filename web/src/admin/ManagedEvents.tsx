import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { EventPhase, ManagedEventsQuery } from "../gql/graphql.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { displayState } from "../lib/salesState.ts";
import { Link } from "../router.tsx";
import { formatDateTime, formatPrice } from "./format.ts";

// The organisers' list (managedEvents, app_public.managed_events): every event
// the caller runs, whatever became of it, in sections (upcoming, past,
// cancelled) with their counts. The database decides which events those are:
// admins every event, a club's owners and managers its events, its door staff
// its events that are not cancelled. The public list (upcomingEvents) is another.
const ManagedEvents = graphql(`
  query ManagedEvents($clubId: Int, $phase: EventPhase, $first: Int!) {
    upcoming: managedEvents(clubId: $clubId, phase: upcoming, first: 1) { totalCount }
    past: managedEvents(clubId: $clubId, phase: past, first: 1) { totalCount }
    cancelled: managedEvents(clubId: $clubId, phase: cancelled, first: 1) { totalCount }
    managedEvents(clubId: $clubId, phase: $phase, first: $first) {
      totalCount
      nodes {
        id name startsAt venue priceCents totalTickets ticketsRemaining salesState phase cancelledAt cancelReason
        categoryByCategoryId { id name }
        club { id name }
      }
    }
  }
`);

type ManagedEvent = NonNullable<NonNullable<ManagedEventsQuery["managedEvents"]>["nodes"][number]>;

const PAGE = 50;
const SECTIONS: { phase: EventPhase; title: string }[] = [
  { phase: "upcoming", title: "Upcoming" },
  { phase: "past", title: "Past" },
  { phase: "cancelled", title: "Cancelled" },
];

export interface ManagedEventsProps {
  /** One club's events (the organiser console), or every event the caller runs (the admin console). */
  clubId?: number;
  /** Where the event's pages are: /admin or /organiser. */
  base: string;
  /** Owners, managers and admins get dashboard, edit and attendees; door staff the check-in desk alone. */
  runsEvents: boolean;
  /** Admins see every club's events: each card names its club. */
  showClub?: boolean;
}

/** Every event the caller runs, in sections with their counts, each with where it stands: cancelled ones say when and why. */
export function ManagedEventList({ clubId, base, runsEvents, showClub = false }: ManagedEventsProps) {
  const [phase, setPhase] = useState<EventPhase | null>(null);
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching, error }] = useQuery({
    query: ManagedEvents,
    variables: { clubId: clubId ?? null, phase, first },
    requestPolicy: "cache-and-network",
  });
  const counts: Record<EventPhase, number> = {
    upcoming: data?.upcoming?.totalCount ?? 0,
    past: data?.past?.totalCount ?? 0,
    cancelled: data?.cancelled?.totalCount ?? 0,
  };
  const events = (data?.managedEvents?.nodes ?? []).filter((e) => e !== null);
  const total = data?.managedEvents?.totalCount ?? 0;
  const show = (next: EventPhase | null) => {
    setPhase(next);
    setFirst(PAGE);
  };
  const all = counts.upcoming + counts.past + counts.cancelled;

  return (
    <div className="managed-events">
      <div role="group" aria-label="Show events" className="section-filter">
        <button type="button" className="secondary" aria-pressed={phase === null} onClick={() => show(null)}>
          All <span className="section-filter__count">{all}</span>
        </button>
        {SECTIONS.map((section) => (
          <button key={section.phase} type="button" className="secondary" aria-pressed={phase === section.phase} onClick={() => show(section.phase)}>
            {section.title} <span className="section-filter__count">{counts[section.phase]}</span>
          </button>
        ))}
      </div>
      {fetching && !data && <p role="status">Loading events…</p>}
      {error && !data && <p role="alert" className="error-box">Could not load events: {error.message}</p>}
      {data && events.length === 0 && (
        <p>{phase ? `No ${phase} events.` : runsEvents ? "No events yet. Create the first one." : "No events yet."}</p>
      )}
      {SECTIONS.filter((section) => phase === null || phase === section.phase).map((section) => {
        const inSection = events.filter((e) => e.phase === section.phase);
        if (inSection.length === 0) return null;
        return (
          <section key={section.phase} aria-labelledby={`section-${section.phase}`} className="managed-events__section">
            <h2 id={`section-${section.phase}`}>{section.title}</h2>
            <ul className="event-list">
              {inSection.map((event) => (
                <ManagedEventCard key={event.id} event={event} base={base} runsEvents={runsEvents} showClub={showClub} />
              ))}
            </ul>
          </section>
        );
      })}
      {data && total > events.length && (
        <p className="actions">
          <span className="field__hint">Showing {events.length} of {total}.</span>
          <button type="button" className="secondary" onClick={() => setFirst(first + PAGE)} disabled={fetching}>Show more</button>
        </p>
      )}
    </div>
  );
}

function ManagedEventCard({ event, base, runsEvents, showClub }: { event: ManagedEvent; base: string; runsEvents: boolean; showClub: boolean }) {
  const cancelled = event.phase === "cancelled";
  const past = event.phase === "past";
  const taken = event.totalTickets - event.ticketsRemaining;
  return (
    <li className={`card managed-event${cancelled ? " managed-event--cancelled" : ""}`}>
      <h3>{runsEvents ? <Link href={`${base}/events/${event.id}`}>{event.name}</Link> : event.name}</h3>
      <p className="managed-event__state">
        {past ? <span className="badge badge--past">Past</span> : <StateBadge state={displayState({ ...event, salesState: event.salesState })} />}
      </p>
      <p>
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time> · {event.venue}
        {showClub && <> · {event.club?.name ?? "No club"}</>}
        {runsEvents && <> · {event.categoryByCategoryId?.name ?? "Uncategorised"} · {formatPrice(event.priceCents)}</>}
      </p>
      {cancelled ? (
        <p className="managed-event__cancelled">
          Cancelled{event.cancelledAt && <> on <time dateTime={event.cancelledAt}>{formatDateTime(event.cancelledAt)}</time></>}.
          {event.cancelReason && <> Reason: <q>{event.cancelReason}</q>.</>} Every ticket was cancelled and refunded.
        </p>
      ) : past ? (
        <p>{taken} of {event.totalTickets} seats were taken.</p>
      ) : (
        <p>{event.ticketsRemaining} of {event.totalTickets} left</p>
      )}
      <div className="actions">
        {runsEvents && (
          <>
            <Link href={`${base}/events/${event.id}`}>Dashboard<span className="visually-hidden"> for {event.name}</span></Link>
            {!cancelled && <Link href={`${base}/events/${event.id}/edit`}>Edit<span className="visually-hidden"> {event.name}</span></Link>}
            <Link href={`${base}/events/${event.id}/attendees`}>Attendees<span className="visually-hidden"> of {event.name}</span></Link>
          </>
        )}
        {!cancelled && (
          <Link href={`${base}/events/${event.id}/check-in`}>Check-in desk<span className="visually-hidden"> for {event.name}</span></Link>
        )}
        <Link href={`/events/${event.id}`}>Public page<span className="visually-hidden"> of {event.name}</span></Link>
      </div>
    </li>
  );
}
