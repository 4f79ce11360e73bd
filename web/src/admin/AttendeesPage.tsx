import { useState } from "react";
import { useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { graphql } from "../gql";
import { errorCode } from "../graphql/errors.ts";
import { Link } from "../router.tsx";
import { formatDateTime } from "./format.ts";

const PAGE = 50;

const EventAttendees = graphql(`
  query EventAttendees($id: Int!, $first: Int!, $offset: Int!) {
    eventById(id: $id) {
      id name startsAt venue
      attendees(first: $first, offset: $offset) {
        totalCount
        nodes { ticketId name email status checkedInAt }
      }
    }
  }
`);

const STATUS: Record<string, string> = { confirmed: "Confirmed", pending: "Awaiting payment", offered: "Offered (waitlist)", cancelled: "Cancelled" };

/**
 * Who holds a ticket, a page at a time, and the whole list as a spreadsheet:
 * the CSV comes from the REST API (GET /events/:id/attendees, Accept: text/csv),
 * which asks the same rule in the database (the club's owners and managers, admins).
 */
export function AttendeesPage({ eventId, base }: { eventId: number; base: string }) {
  const [offset, setOffset] = useState(0);
  const [{ data, fetching, error }] = useQuery({
    query: EventAttendees,
    variables: { id: eventId, first: PAGE, offset },
    requestPolicy: "cache-and-network",
  });
  const event = data?.eventById;
  const list = event?.attendees;
  const attendees = (list?.nodes ?? []).filter((a) => a !== null);
  // The event itself is public: a refusal comes with data, for the attendees alone.
  if (errorCode(error) === "FORBIDDEN") {
    return (
      <section>
        <h1>Attendees</h1>
        <p role="alert" className="error-box">Only the club's owners and managers (and admins) can see who is coming.</p>
      </section>
    );
  }
  if (error && !data) {
    return <section><h1>Attendees</h1><p role="alert" className="error-box">Could not load the attendees: {error.message}</p></section>;
  }
  return (
    <section aria-labelledby="attendees-title">
      <h1 id="attendees-title">Attendees{event ? `: ${event.name}` : ""}</h1>
      {event && (
        <p>
          <time dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time> · {event.venue} ·{" "}
          <Link href={`${base}/events/${eventId}`}>Dashboard</Link>
        </p>
      )}
      <DownloadCsv eventId={eventId} name={event?.name} />
      {fetching && !data && <p role="status">Loading attendees…</p>}
      {list && list.totalCount === 0 && <p>Nobody holds a ticket yet.</p>}
      {attendees.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Attendees">
          <table className="attendees">
            <thead>
              <tr><th scope="col">Attendee</th><th scope="col">Ticket</th><th scope="col">Checked in</th></tr>
            </thead>
            <tbody>
              {attendees.map((a) => (
                <tr key={a.ticketId}>
                  {/* Name and email in one cell: three columns fit a phone without breaking words. */}
                  <td>{a.name}<span className="attendees__email">{a.email}</span></td>
                  <td>{STATUS[a.status ?? ""] ?? a.status}</td>
                  <td>{a.checkedInAt ? <time dateTime={a.checkedInAt}>{formatDateTime(a.checkedInAt)}</time> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && list.totalCount > PAGE && (
        <nav aria-label="Pages of attendees" className="actions">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
          <span>{offset + 1}–{Math.min(offset + PAGE, list.totalCount)} of {list.totalCount}</span>
          <button type="button" className="secondary" disabled={offset + PAGE >= list.totalCount} onClick={() => setOffset(offset + PAGE)}>Next</button>
        </nav>
      )}
    </section>
  );
}

function DownloadCsv({ eventId, name }: { eventId: number; name?: string }) {
  const { session } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setProblem(null);
    setBusy(true);
    try {
      const response = await fetch(`/events/${eventId}/attendees`, {
        headers: { accept: "text/csv", ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
      });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        setProblem(body?.error?.message ?? `The download failed (${response.status}).`);
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `${(name ?? `event-${eventId}`).replace(/[^\w.-]+/g, "-")}-attendees.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch {
      setProblem("The server could not be reached. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="actions">
      <button type="button" onClick={download} disabled={busy}>{busy ? "Preparing…" : "Download CSV"}</button>
      {problem && <p role="alert" className="error-box">{problem}</p>}
    </div>
  );
}
