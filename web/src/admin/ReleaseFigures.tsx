import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { formatDateTime } from "./format.ts";

// The dashboard's part for a queue or lottery event: the waiting room in figures,
// and the draw as recorded (seed, order hash), so an organiser can show anyone how
// the order was made. `version` (the live availability) refreshes it.

const ReleaseFiguresQuery = graphql(`
  query ReleaseFigures($id: Int!) {
    eventById(id: $id) {
      id releaseMode
      queueStats { joined waiting admitted booked lapsed closed }
      queueDraw { seed orderHash drawnAt entries }
      lotteryDraw { seed orderHash drawnAt entries winners }
    }
  }
`);

export function ReleaseFigures({ eventId, version }: { eventId: number; version?: string }) {
  const [{ data }, refresh] = useQuery({ query: ReleaseFiguresQuery, variables: { id: eventId }, requestPolicy: "network-only" });
  useEffect(() => {
    if (version !== undefined) refresh({ requestPolicy: "network-only" });
  }, [version, refresh]);
  const event = data?.eventById;
  if (!event || event.releaseMode === "first_come") return null;
  const draw = event.releaseMode === "queue" ? event.queueDraw : event.lotteryDraw;
  const stats = event.queueStats;
  return (
    <section className="card" aria-labelledby="release-title">
      <h2 id="release-title">{event.releaseMode === "queue" ? "Waiting room" : "Lottery"}</h2>
      {stats && (
        <dl className="stats">
          {(["joined", "waiting", "admitted", "booked", "lapsed", "closed"] as const).map((name) => (
            <div key={name} className="stat">
              <dt>{name[0]!.toUpperCase() + name.slice(1)}</dt>
              <dd><span className="stat__value">{stats[name]}</span></dd>
            </div>
          ))}
        </dl>
      )}
      {draw ? (
        <p className="release-draw">
          Drawn {draw.drawnAt && <time dateTime={draw.drawnAt}>{formatDateTime(draw.drawnAt)}</time>} from {draw.entries?.length ?? 0} entries
          {event.lotteryDraw?.winners ? `, ${event.lotteryDraw.winners.length} winners` : ""}. Seed <code>{draw.seed}</code>, order
          hash <code>{draw.orderHash}</code>.
        </p>
      ) : (
        <p>Not drawn yet: {event.releaseMode === "queue" ? "the line is shuffled when sales open" : "the draw runs when entries close"}.</p>
      )}
    </section>
  );
}
