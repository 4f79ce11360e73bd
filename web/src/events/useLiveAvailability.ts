import { useSubscription } from "urql";
import { graphql } from "../gql";
import type { SalesState } from "../gql/graphql.ts";
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

export interface LiveList {
  byId: LiveById;
  /**
   * How many events appeared after the first message (an admin created one,
   * or it came back into the list): the page reads its list again when this rises.
   */
  appeared: number;
}

/**
 * One subscription for a whole list page: the first message holds every
 * upcoming event's current values, later ones a single change each. Kept by
 * event id, never letting an older version replace a newer one.
 */
export function useEventsAvailability(categoryId: number | null): LiveList {
  const [{ data }] = useSubscription(
    { query: EventsAvailability, variables: { categoryId } },
    (prev: LiveList | undefined, msg): LiveList => {
      const byId: LiveById = { ...(prev?.byId ?? {}) };
      let appeared = prev?.appeared ?? 0;
      for (const a of msg.eventsAvailability ?? []) {
        if (prev && !byId[a.eventId]) appeared++;
        byId[a.eventId] = newer(byId[a.eventId], a)!;
      }
      return { byId, appeared };
    },
  );
  return data ?? empty;
}

const empty: LiveList = { byId: {}, appeared: 0 };

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
  event: { ticketsRemaining: number; totalTickets: number; salesState?: SalesState | null; availabilityVersion: string },
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
