import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { displayState } from "../lib/salesState.ts";
import { StateBadge } from "../components/StateBadge.tsx";
import { EventFacts } from "../events/EventFacts.tsx";
import { currentAvailability, useEventAvailability } from "../events/useLiveAvailability.ts";
import { BookingForm } from "../booking/BookingForm.tsx";
import { WaitlistPanel } from "../booking/WaitlistPanel.tsx";
import { Link } from "../router.tsx";

const EventDetails = graphql(`
  query EventDetails($id: Int!) {
    eventById(id: $id) {
      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState
      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes
      categoryByCategoryId { id name }
    }
  }
`);

export default function EventPage({ eventId }: { eventId: number }) {
  const [{ data, fetching, error }] = useQuery({ query: EventDetails, variables: { id: eventId } });
  const live = useEventAvailability(eventId);
  const { session } = useSession();
  const event = data?.eventById;
  useEffect(() => {
    if (event?.name) document.title = `${event.name} · Campus tickets`;
  }, [event?.name]);
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
  return (
    <article className="event-page" aria-labelledby="event-title">
      <p><Link href="/">← All events</Link></p>
      <h1 id="event-title">{event.name}</h1>
      <StateBadge state={state} />
      <div className="card">
        <EventFacts event={event} availability={availability} />
        {event.description && <p>{event.description}</p>}
      </div>
      {!session ? (
        <p className="notice">
          <Link href={`/signin?next=/events/${event.id}`}>Sign in</Link> or{" "}
          <Link href={`/signup?next=/events/${event.id}`}>create an account</Link> to book.
        </p>
      ) : (
        <>
          <BookingForm event={event} state={state} />
          <WaitlistPanel eventId={event.id} soldOut={state === "sold_out"} version={String(availability.version)} />
        </>
      )}
    </article>
  );
}
