import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { MyWaitlistQuery } from "../gql/graphql.ts";

const MyWaitlist = graphql(`
  query MyWaitlist($userId: Int!) {
    allWaitlistEntries(condition: { userId: $userId }, orderBy: [ID_DESC], first: 50) {
      nodes {
        id eventId status position offeredAt
        ticketByTicketId { id status holdExpiresAt priceCents }
        eventByEventId { id name startsAt }
      }
    }
  }
`);

export type WaitlistEntry = NonNullable<NonNullable<MyWaitlistQuery["allWaitlistEntries"]>["nodes"][number]>;

// An offer arrives as an availability message of its event (the database
// raises the event's version when it makes one), and callers refresh on each.
// While the student waits, a slow re-read (tab visible only) is the fallback
// for a message missed while the socket was reconnecting.
const WAITING_POLL_MS = 30_000;

export function useMyWaitlist(userId: number) {
  const [result, reexecute] = useQuery({ query: MyWaitlist, variables: { userId } });
  const entries = (result.data?.allWaitlistEntries?.nodes ?? []).filter((e): e is WaitlistEntry => e != null);
  const waiting = entries.some((e) => e.status === "waiting");
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") reexecute({ requestPolicy: "network-only" });
    }, WAITING_POLL_MS);
    return () => clearInterval(t);
  }, [waiting, reexecute]);
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  return { entries, fetching: result.fetching, error: result.error, refresh };
}

/**
 * The entry that matters for an event: waiting, holding an offer, or (newest
 * first) an accepted offer. Lapsed and left entries do not stop a new join.
 */
export function activeEntry(entries: WaitlistEntry[], eventId: number): WaitlistEntry | undefined {
  const forEvent = entries.filter((e) => e.eventId === eventId);
  return (
    forEvent.find((e) => e.status === "waiting" || e.status === "offered") ??
    forEvent.find((e) => e.status === "accepted" && e.ticketByTicketId?.status !== "cancelled" && e.ticketByTicketId?.status !== "expired")
  );
}
