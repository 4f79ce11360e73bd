import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { Link } from "../router.tsx";
import { TicketCard, type MyTicket } from "../tickets/TicketCard.tsx";
import { useMyWaitlist, type WaitlistEntry } from "../booking/useMyWaitlist.ts";
import { WaitlistOffer } from "../booking/WaitlistOffer.tsx";
import { useEventsAvailability } from "../events/useLiveAvailability.ts";

const MyTickets = graphql(`
  query MyTickets {
    myTickets(first: 100) {
      nodes {
        id eventId status checkInCode holdExpiresAt priceCents bookedAt confirmedAt cancelledAt checkedInAt
        eventByEventId { id name startsAt venue status cancelReason }
      }
    }
  }
`);

export default function MyTicketsPage() {
  const { session } = useSession();
  if (!session) {
    return (
      <section>
        <h1>My tickets</h1>
        <p><Link href="/signin?next=/tickets">Sign in</Link> to see your tickets.</p>
      </section>
    );
  }
  if (session.role !== "student") {
    return (
      <section>
        <h1>My tickets</h1>
        <p>Admins do not book tickets. <Link href="/admin">Manage events under Admin</Link>.</p>
      </section>
    );
  }
  return <MyTicketsForUser userId={session.userId} />;
}

function MyTicketsForUser({ userId }: { userId: number }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyTickets });
  // What the student just did (paid, cancelled), said until the next thing they do.
  const [notice, setNotice] = useState("");
  const waitlist = useMyWaitlist(userId);
  const tickets = (data?.myTickets?.nodes ?? []).filter((t): t is MyTicket => t != null);
  const refresh = () => {
    reexecute({ requestPolicy: "network-only" });
    waitlist.refresh();
  };
  useRefreshOnAvailabilityChange(tickets, waitlist.entries, refresh);

  const pending = tickets.filter((t) => t.status === "pending");
  const confirmed = tickets.filter((t) => t.status === "confirmed");
  // Events the organisers called off that have not yet passed: said up front, not folded away with the student's own cancellations.
  const calledOff = tickets.filter((t) => t.status === "cancelled" && t.eventByEventId?.status === "cancelled"
    && Date.parse(t.eventByEventId.startsAt) > Date.now());
  const past = tickets.filter((t) => (t.status === "cancelled" || t.status === "expired") && !calledOff.includes(t));
  const offers = waitlist.entries.filter((e) => e.status === "offered");
  const waiting = waitlist.entries.filter((e) => e.status === "waiting");

  if (fetching && !data) return <p role="status">Loading your tickets…</p>;
  return (
    <section aria-labelledby="tickets-title">
      <h1 id="tickets-title">My tickets</h1>
      {error && !data && <p role="alert" className="error-box">Could not load your tickets: {error.message}</p>}
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      {(offers.length > 0 || waiting.length > 0) && (
        <section aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">Waitlist</h2>
          {offers.map((e) => <WaitlistOffer key={e.id} entry={e} onChanged={refresh} />)}
          <ul aria-live="polite">
            {waiting.map((e) => (
              <li key={e.id}>
                <Link href={`/events/${e.eventId}`}>{e.eventByEventId?.name ?? `Event ${e.eventId}`}</Link>: number{" "}
                {e.position ?? "?"} in line
              </li>
            ))}
          </ul>
        </section>
      )}
      <TicketGroup title="Cancelled by the organisers" tickets={calledOff} onChanged={refresh} onNotice={setNotice} />
      <TicketGroup title="Awaiting payment" tickets={pending} onChanged={refresh} onNotice={setNotice} />
      <TicketGroup title="Tickets" tickets={confirmed} onChanged={refresh} onNotice={setNotice}
        empty={<p>No confirmed tickets yet. <Link href="/">Browse upcoming events</Link>.</p>} />
      {past.length > 0 && (
        <details>
          <summary>Cancelled and expired ({past.length})</summary>
          <TicketGroup title="Cancelled and expired" tickets={past} onChanged={refresh} onNotice={setNotice} />
        </details>
      )}
    </section>
  );
}

function TicketGroup({ title, tickets, onChanged, onNotice, empty }: {
  title: string; tickets: MyTicket[]; onChanged: () => void; onNotice: (message: string) => void; empty?: ReactNode;
}) {
  if (tickets.length === 0) return empty ? <section><h2>{title}</h2>{empty}</section> : null;
  return (
    <section>
      <h2>{title}</h2>
      <ul className="ticket-list">
        {tickets.map((t) => <TicketCard key={t.id} ticket={t} onChanged={onChanged} onNotice={onNotice} />)}
      </ul>
    </section>
  );
}

/**
 * One list subscription; when an event this student holds a ticket for or
 * waits on changes (a seat returned, a hold expired), the lists are read again.
 */
function useRefreshOnAvailabilityChange(tickets: MyTicket[], entries: WaitlistEntry[], refresh: () => void) {
  const live = useEventsAvailability(null).byId;
  const mine = useMemo(
    () => new Set([...tickets.map((t) => t.eventId), ...entries.map((e) => e.eventId)]),
    [tickets, entries],
  );
  const signature = [...mine].sort((a, b) => a - b).map((id) => `${id}:${live[id]?.version ?? ""}`).join(",");
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (first.current === null || !first.current.includes(":") || signature.split(":").length !== first.current.split(":").length) {
      first.current = signature;
      return;
    }
    if (signature !== first.current) {
      first.current = signature;
      refresh();
    }
  }, [signature]); // eslint-disable-line react-hooks/exhaustive-deps
}
