import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { formatDateTime, plural } from "../lib/format.ts";
import type { DisplayState } from "../lib/salesState.ts";
import { Link } from "../router.tsx";
import { BookingForm, BookingOutcome, type Outcome } from "./BookingForm.tsx";
import { activeEntry, useMyWaitlist } from "./useMyWaitlist.ts";
import { AcceptedOffer, WaitlistOffer } from "./WaitlistOffer.tsx";
import { JoinWaitlist, WaitingInLine } from "./WaitlistPanel.tsx";

const MyTicketsForEvent = graphql(`
  query MyTicketsForEvent {
    myTickets(first: 100) { nodes { id eventId status } }
  }
`);

const LIVE = new Set(["pending", "offered", "confirmed"]);

export interface ActionEvent {
  id: number;
  priceCents: number;
  maxTicketsPerStudent: number;
  holdMinutes: number;
  salesStart?: string | null;
}

/**
 * A student's one next step on an event's page, decided from the event's live
 * state and what the student already has: an offer to accept, tickets held up
 * to the limit, a place in line, the booking form, the waitlist, or a sentence
 * saying why there is nothing to do. Never two calls to action at once.
 */
export function StudentActions({ event, state, version }: { event: ActionEvent; state: DisplayState; version: string }) {
  const { session } = useSession();
  // An empty list names no Ticket type for the cache to invalidate: say it, so booking refreshes it.
  const context = useMemo(() => ({ additionalTypenames: ["Ticket"] }), []);
  const [{ data: tickets }, refetchTickets] = useQuery({ query: MyTicketsForEvent, requestPolicy: "cache-and-network", context });
  const waitlistState = useMyWaitlist(session!.userId);
  const waitlist = {
    ...waitlistState,
    refresh: () => {
      waitlistState.refresh();
      refetchTickets({ requestPolicy: "network-only" });
    },
  };
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const held = (tickets?.myTickets?.nodes ?? []).filter((t) => t && t.eventId === event.id && LIVE.has(t.status)).length;
  const max = Math.max(1, event.maxTicketsPerStudent);
  const entry = activeEntry(waitlist.entries, event.id);

  // A change of the event's availability may be an offer for this student: look again.
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version !== firstVersion.current) waitlist.refresh();
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps
  // A refusal describes the state it was given in: once that changes, it is no longer true.
  useEffect(() => {
    setOutcome((o) => (o?.refusal ? (o.booked > 0 ? { ...o, refusal: null } : null) : o));
  }, [state, held]);

  let action;
  if (entry?.status === "offered") action = <WaitlistOffer entry={entry} onChanged={waitlist.refresh} />;
  else if (entry?.status === "accepted" && held > 0) action = <AcceptedOffer entry={entry} />;
  else if (held >= max) {
    action = (
      <p className="notice">
        You hold {held} of the {plural(max, "ticket")} allowed per student. <Link href="/tickets">See them in My tickets</Link>.
      </p>
    );
  } else if (entry?.status === "waiting") action = <WaitingInLine entry={entry} />;
  else if (state === "on_sale" || state === "few_left") {
    action = <BookingForm event={event} max={max - held} held={held} onOutcome={(o) => {
      setOutcome(o);
      if (o?.booked) refetchTickets({ requestPolicy: "network-only" });
    }} />;
  } else if (state === "sold_out") action = <JoinWaitlist eventId={event.id} onJoined={waitlist.refresh} held={held} />;
  else action = <p className="notice notice--quiet">{whyNot(state, event)}</p>;

  return (
    <section className="card action-panel" aria-labelledby="action-title">
      <h2 id="action-title">{heading(entry?.status, held, max, state)}</h2>
      <BookingOutcome outcome={outcome} />
      {action}
    </section>
  );
}

function heading(entry: string | undefined, held: number, max: number, state: DisplayState): string {
  if (entry === "offered") return "A seat is yours to take";
  if (held >= max || (entry === "accepted" && held > 0)) return "Your tickets";
  if (entry === "waiting" || state === "sold_out") return "Waitlist";
  if (state === "on_sale" || state === "few_left") return "Book tickets";
  return "Tickets";
}

function whyNot(state: DisplayState, event: ActionEvent): string {
  if (state === "not_open") return event.salesStart ? `Sales open ${formatDateTime(event.salesStart)}.` : "Sales have not opened yet.";
  if (state === "closed") return "Sales have closed for this event.";
  if (state === "cancelled") return "This event was cancelled: tickets are no longer sold.";
  return "This event has started: tickets are no longer sold.";
}
