import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { displayState } from "../lib/salesState.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { EventArt } from "../events/EventArt.tsx";
import { EventFacts } from "../events/EventFacts.tsx";
import { EventShare } from "../events/EventShare.tsx";
import { currentAvailability, useEventAvailability } from "../events/useLiveAvailability.ts";
import { StudentActions } from "../booking/StudentActions.tsx";
import { CancelEventButton } from "../events/CancelEventButton.tsx";
import { CancelledNotice } from "../events/CancelledNotice.tsx";
import { Link } from "../router.tsx";
import { ROLE_LABEL } from "../organiser/roles.ts";
import { WaitingRoom } from "../release/WaitingRoom.tsx";
import { LotteryPanel } from "../release/LotteryPanel.tsx";

const EventDetails = graphql(`
  query EventDetails($id: Int!) {
    eventById(id: $id) {
      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState
      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes
      status cancelledAt cancelReason imageUrl
      releaseMode lotteryClosesAt offerMinutes
      categoryByCategoryId { id name }
      club { id name myRole }
    }
  }
`);

export default function EventPage({ eventId }: { eventId: number }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: EventDetails, variables: { id: eventId } });
  const live = useEventAvailability(eventId);
  const { session } = useSession();
  const event = data?.eventById;
  useEffect(() => {
    if (event?.name) document.title = `${event.name} · Campus tickets`;
  }, [event?.name]);
  // The live message says "cancelled" before this page's copy of the event does: read it again for when and why.
  const heardCancelled = live?.salesState === "cancelled" && event !== undefined && event?.status !== "cancelled";
  useEffect(() => {
    if (heardCancelled) reexecute({ requestPolicy: "network-only" });
  }, [heardCancelled, reexecute]);
  if (fetching && !data) return <p role="status">Loading event…</p>;
  if (error && !data) return <p role="alert" className="error-box">Could not load this event: {error.message}</p>;
  if (!event) {
    return (
      <section>
        <h1>Event not found</h1>
        <p><Link href="/">Back to upcoming events</Link></p>
      </section>
    );
  }
  const availability = currentAvailability(event, live);
  const state = displayState(availability);
  const cancelled = state === "cancelled" || event.status === "cancelled";
  const reread = () => reexecute({ requestPolicy: "network-only" });
  return (
    <article className="event-page" aria-labelledby="event-title">
      <p className="back-link"><Link href="/">← All events</Link></p>
      <div className="event-page__hero">
        <EventArt event={event} size="page" />
        <div className="event-page__summary">
          <h1 id="event-title">{event.name}</h1>
          <StateBadge state={state} />
          <EventFacts event={event} availability={availability} />
          <EventShare event={event} />
        </div>
      </div>
      <div className="event-page__body">
        {cancelled ? (
          // One thing to say, to everyone: no call to action is left.
          <CancelledNotice cancelledAt={event.cancelledAt} reason={event.cancelReason} />
        ) : session?.role === "student" ? (
          <div className="action-stack">
            {/* How the student gets a seat follows the event's release mode (fair release: release/). */}
            {event.releaseMode === "queue" ? (
              <WaitingRoom event={event} state={state} version={String(availability.version)} />
            ) : event.releaseMode === "lottery" ? (
              <LotteryPanel event={event} />
            ) : (
              <StudentActions event={event} state={state} version={String(availability.version)} />
            )}
            {event.club?.myRole && (
              <ClubStaffPanel event={event} club={event.club.name} role={event.club.myRole} onCancelled={reread} />
            )}
          </div>
        ) : session?.role === "admin" ? (
          <section className="card action-panel" aria-labelledby="action-title">
            <h2 id="action-title">Manage this event</h2>
            <p>Admins run events; students book them.</p>
            <p className="actions">
              <Link className="button" href={`/admin/events/${event.id}`}>Dashboard</Link>
              <Link className="button secondary" href={`/admin/events/${event.id}/edit`}>Edit</Link>
              <CancelEventButton eventId={event.id} eventName={event.name} onCancelled={reread} />
            </p>
          </section>
        ) : (
          <section className="card action-panel" aria-labelledby="action-title">
            <h2 id="action-title">Tickets</h2>
            <p>
              <Link href={`/signin?next=/events/${event.id}`}>Sign in</Link> or{" "}
              <Link href={`/signup?next=/events/${event.id}`}>create an account</Link> to book.
            </p>
          </section>
        )}
        {event.description && (
          <section className="event-page__about" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <p>{event.description}</p>
          </section>
        )}
      </div>
    </article>
  );
}

/**
 * For the club's staff, beside booking (they are students too): the console's pages their role opens,
 * and for its owners and managers, calling the event off.
 */
function ClubStaffPanel({ event, club, role, onCancelled }: {
  event: { id: number; name: string }; club: string; role: string; onCancelled: () => void;
}) {
  const eventId = event.id;
  const runs = role === "owner" || role === "manager";
  return (
    <section className="card action-panel" aria-labelledby="club-staff-title">
      <h2 id="club-staff-title">You help run this event</h2>
      <p>{club} · {ROLE_LABEL[role]}</p>
      <p className="actions">
        {runs && <Link className="button secondary" href={`/organiser/events/${eventId}`}>Dashboard</Link>}
        {runs && <Link className="button secondary" href={`/organiser/events/${eventId}/edit`}>Edit</Link>}
        <Link className="button secondary" href={`/organiser/events/${eventId}/check-in`}>Check-in desk</Link>
        {runs && <CancelEventButton eventId={eventId} eventName={event.name} onCancelled={onCancelled} />}
      </p>
    </section>
  );
}
