import { useQuery } from "urql";
import { graphql } from "../gql";
import { Link } from "../router.tsx";

const PopularEvents = graphql(`
  query PopularEvents {
    popularEvents(n: 5, first: 5) { nodes { eventId name ticketsSold totalTickets } }
  }
`);

/** Most tickets sold (the API refreshes it every minute and on each sell-out). */
export function Leaderboard() {
  const [{ data, error }] = useQuery({ query: PopularEvents });
  const rows = (data?.popularEvents?.nodes ?? []).filter((r): r is NonNullable<typeof r> => r != null && r.eventId != null);
  return (
    <aside className="leaderboard card" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Popular events</h2>
      {error && !data && <p>The leaderboard is not available right now.</p>}
      {data && rows.length === 0 && <p>No tickets sold yet.</p>}
      {rows.length > 0 && (
        <ol>
          {rows.map((r) => (
            <li key={r.eventId}>
              <Link href={`/events/${r.eventId}`}>{r.name}</Link> — {r.ticketsSold ?? 0} of {r.totalTickets ?? 0} sold
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
