import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { Availability } from "../lib/salesState.ts";
import { newer } from "../lib/salesState.ts";

const EventsAvailability = graphql(`
  subscription EventsAvailability($categoryId: Int) {
    eventsAvailability(categoryId: $categoryId) {
      eventId ticketsRemaining totalTickets salesState soldOut version
    }
  }
`);

const OneEventAvailability = graphql(`
  subscription OneEventAvailability($eventId: Int!) {
    eventAvailability(eventId: $eventId) {
      eventId ticketsRemaining totalTickets salesState soldOut version
    }
  }
`);

export type LiveById = Record<number, Availability>;

/**
 * One subscription for a whole list page: the first message holds every
 * upcoming event's current values, later ones a single change each. Kept by
 * event id, never letting an older version replace a newer one.
 */
export function useEventsAvailability(categoryId: number | null): LiveById {
  const [{ data }] = useSubscription(
    { query: EventsAvailability, variables: { categoryId } },
    (prev: LiveById | undefined, msg): LiveById => {
      const next: LiveById = { ...(prev ?? {}) };
      for (const a of msg.eventsAvailability ?? []) next[a.eventId] = newer(next[a.eventId], a)!;
      return next;
    },
  );
  return data ?? {};
}

/** One event's live availability (event page). */
export function useEventAvailability(eventId: number): Availability | undefined {
  const [{ data }] = useSubscription(
    { query: OneEventAvailability, variables: { eventId } },
    (prev: { latest?: Availability } | undefined, msg) => ({
      latest: newer(prev?.latest, msg.eventAvailability ?? undefined),
    }),
  );
  return data?.latest;
}

/** The newer of the query's snapshot and the live message. */
export function currentAvailability(
  event: { ticketsRemaining: number; totalTickets: number; salesState?: string | null; availabilityVersion: string },
  live: Availability | undefined,
): Availability {
  const snapshot: Availability = {
    ticketsRemaining: event.ticketsRemaining,
    totalTickets: event.totalTickets,
    salesState: event.salesState,
    version: event.availabilityVersion,
  };
  return newer(snapshot, live)!;
}
