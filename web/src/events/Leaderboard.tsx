import { useQuery } from "urql";
import { graphql } from "../gql";
import { Link } from "../router.tsx";

const PopularEvents = graphql(`
  query PopularEvents {
    popularEvents(n: 10, first: 10) { nodes { eventId name ticketsSold totalTickets } }
  }
`);

const SHOWN = 5;

/** Most tickets sold (the API refreshes it every minute and on each sell-out); only events that sold some. */
export function Leaderboard() {
  const [{ data, error }] = useQuery({ query: PopularEvents });
  const rows = (data?.popularEvents?.nodes ?? [])
    .filter((r): r is NonNullable<typeof r> => r != null && r.eventId != null && (r.ticketsSold ?? 0) > 0)
    .slice(0, SHOWN);
  return (
    <aside className="leaderboard card" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Popular events</h2>
      {error && !data && <p>The leaderboard is not available right now.</p>}
      {data && rows.length === 0 && <p className="muted">No tickets sold yet: the first bookings appear here.</p>}
      {rows.length > 0 && (
        <ol>
          {rows.map((r) => (
            <li key={r.eventId}>
              <Link href={`/events/${r.eventId}`}>{r.name}</Link>
              <span className="muted"> {r.ticketsSold} of {r.totalTickets} sold</span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
