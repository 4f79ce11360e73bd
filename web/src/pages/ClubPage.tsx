import { useQuery } from "urql";
import { graphql } from "../gql";
import { EventCard } from "../events/EventCard.tsx";
import { currentAvailability } from "../events/useLiveAvailability.ts";
import { Link } from "../router.tsx";

const ClubProfile = graphql(`
  query ClubProfile($id: Int!) {
    club(id: $id) {
      id name description
      upcomingEvents(first: 50) {
        nodes {
          id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl
          categoryByCategoryId { id name }
          club { id name }
        }
      }
    }
  }
`);

/** A club's public page: who they are and their events that have not started yet. */
export default function ClubPage({ clubId }: { clubId: number }) {
  const [{ data, fetching, error }] = useQuery({ query: ClubProfile, variables: { id: clubId } });
  const club = data?.club;
  if (fetching && !data) return <p role="status">Loading the club…</p>;
  if (error && !data) return <p role="alert" className="error-box">Could not load the club: {error.message}</p>;
  if (!club) {
    return (
      <section>
        <h1>Club not found</h1>
        <p><Link href="/">Back to upcoming events</Link></p>
      </section>
    );
  }
  const events = (club.upcomingEvents.nodes ?? []).filter((e) => e !== null);
  return (
    <section aria-labelledby="club-title">
      <h1 id="club-title">{club.name}</h1>
      {club.description && <p>{club.description}</p>}
      <h2>Upcoming events</h2>
      {events.length === 0 && <p>No upcoming events right now.</p>}
      <ul className="event-list">
        {events.map((event) => <EventCard key={event.id} event={event} availability={currentAvailability(event, undefined)} />)}
      </ul>
    </section>
  );
}
