import { useQuery } from "urql";
import { graphql } from "../gql";
import { formatDateTime, formatPrice } from "./format.ts";
import { Link } from "../router.tsx";

const AdminEvents = graphql(`
  query AdminEvents {
    allEvents(orderBy: [STARTS_AT_DESC], first: 100) {
      totalCount
      nodes {
        id name startsAt venue priceCents totalTickets ticketsRemaining salesState
        categoryByCategoryId { id name }
      }
    }
  }
`);

/** Every event (past ones too), newest first, with the way to each one's dashboard, edit form and check-in desk. */
export function AdminEventsPage() {
  const [{ data, fetching, error }] = useQuery({ query: AdminEvents, requestPolicy: "cache-and-network" });
  const events = (data?.allEvents?.nodes ?? []).filter((e) => e !== null);
  return (
    <section aria-labelledby="admin-events-title">
      <div className="admin-heading">
        <h1 id="admin-events-title">Events</h1>
        <Link href="/admin/events/new" className="button">Create event</Link>
      </div>
      {fetching && !data && <p role="status">Loading events…</p>}
      {error && !data && <p role="alert" className="error-box">Could not load events: {error.message}</p>}
      {data && events.length === 0 && <p>No events yet. Create the first one.</p>}
      {data && (data.allEvents?.totalCount ?? 0) > events.length && (
        <p className="field__hint">Showing the {events.length} latest of {data.allEvents?.totalCount} events.</p>
      )}
      <ul className="event-list">
        {events.map((event) => (
          <li key={event.id} className="card">
            <h2><Link href={`/admin/events/${event.id}`}>{event.name}</Link></h2>
            <p>
              <time dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time> · {event.venue} ·{" "}
              {event.categoryByCategoryId?.name ?? "Uncategorised"} · {formatPrice(event.priceCents)}
            </p>
            <p>
              {event.ticketsRemaining} of {event.totalTickets} left · {stateLabel(event.salesState)}
            </p>
            <div className="actions">
              <Link href={`/admin/events/${event.id}`}>Dashboard<span className="visually-hidden"> for {event.name}</span></Link>
              <Link href={`/admin/events/${event.id}/edit`}>Edit<span className="visually-hidden"> {event.name}</span></Link>
              <Link href={`/admin/events/${event.id}/check-in`}>Check-in desk<span className="visually-hidden"> for {event.name}</span></Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function stateLabel(state: string | null | undefined): string {
  switch (state) {
    case "on_sale": return "On sale";
    case "sold_out": return "Sold out";
    case "not_open": return "Sales not open yet";
    case "closed": return "Sales closed";
    case "cancelled": return "Cancelled";
    case "started": return "Started";
    default: return "Unknown";
  }
}
