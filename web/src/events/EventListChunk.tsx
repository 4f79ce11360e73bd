import { useEffect, useRef } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { UpcomingEventsQuery } from "../gql/graphql.ts";
import { EventCard } from "./EventCard.tsx";
import { currentAvailability, type LiveById } from "./useLiveAvailability.ts";

export const PAGE_SIZE = 20;

const UpcomingEvents = graphql(`
  query UpcomingEvents($categoryId: Int, $first: Int!, $after: Cursor) {
    upcomingEvents(categoryId: $categoryId, first: $first, after: $after) {
      nodes {
        id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl
        categoryByCategoryId { id name }
        club { id name }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type ListedEvent = NonNullable<UpcomingEventsQuery["upcomingEvents"]>["nodes"][number] & {};

interface Props {
  categoryId: number | null;
  after: string | null;
  search: string;
  live: LiveById;
  /** Called by the last loaded page with the cursor of the next one (null: no more). */
  onPageInfo?: (next: string | null, shown: number) => void;
  /** Rises when an event appears live (e.g. an admin created one): read this page again. */
  generation?: number;
}

/**
 * One page (20 events) of the list; "Load more" appends another chunk with the
 * previous page's end cursor, the usual urql pattern for cursor pagination.
 */
export function EventListChunk({ categoryId, after, search, live, onPageInfo, generation = 0 }: Props) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: UpcomingEvents,
    variables: { categoryId, first: PAGE_SIZE, after },
  });
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (generation === seenGeneration.current) return;
    seenGeneration.current = generation;
    reexecute({ requestPolicy: "network-only" });
  }, [generation, reexecute]);
  const page = data?.upcomingEvents;
  const nodes = (page?.nodes ?? []).filter((e): e is NonNullable<typeof e> => e != null);
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? nodes.filter((e) => e.name.toLocaleLowerCase().includes(needle)) : nodes;
  const next = page?.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;

  useEffect(() => {
    if (page) onPageInfo?.(next, shown.length);
  }, [page, next, shown.length, onPageInfo]);

  if (error && !data) return <li role="alert" className="error-box">Could not load events: {error.message}</li>;
  if (fetching && !data) return <li role="status">Loading events…</li>;
  return (
    <>
      {shown.map((event) => (
        <EventCard key={event.id} event={event} availability={currentAvailability(event, live[event.id])} />
      ))}
    </>
  );
}
