import { useEffect, useRef, useState } from "react";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../gql";
import { formatDateTime } from "./format.ts";
import { Link } from "../router.tsx";
import { stateLabel } from "./AdminEventsPage.tsx";
import { SalesChart, type Bucket } from "./SalesChart.tsx";
import { CancelEventButton } from "../events/CancelEventButton.tsx";
import { ReleaseFigures } from "./ReleaseFigures.tsx";

const DashboardEvent = graphql(`
  query DashboardEvent($id: Int!) {
    eventById(id: $id) { id name startsAt venue totalTickets salesState status cancelReason }
  }
`);

const DashboardStats = graphql(`
  query DashboardStats($id: Int!, $bucket: String!) {
    eventAnalytics(eventId: $id) {
      totalTickets ticketsRemaining ticketsHeld ticketsSold sellThroughPercent waitlistSize checkedIn checkInRatePercent
      cancellations expiredHolds
    }
    eventSalesOverTime(eventId: $id, bucket: $bucket, first: 100) {
      nodes { bucketStart ticketsSold }
    }
  }
`);

const DashboardAvailability = graphql(`
  subscription DashboardAvailability($id: Int!) {
    eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets salesState version }
  }
`);

const BUCKETS: { value: Bucket; label: string }[] = [
  { value: "minute", label: "Per minute" },
  { value: "hour", label: "Per hour" },
  { value: "day", label: "Per day" },
  { value: "week", label: "Per week" },
];

/**
 * One event's numbers. Remaining seats come live from the availability
 * subscription; every change it reports (a booking, a hold, a cancellation)
 * also refreshes the analytics and the chart, at most once a second, so
 * remaining / held / sold / sell-through follow as they happen.
 * `base`: /admin for admins, /organiser for a club's owners and managers.
 */
export function EventDashboard({ eventId, base = "/admin" }: { eventId: number; base?: string }) {
  const [bucket, setBucket] = useState<Bucket>("hour");
  const [{ data: eventData, error: eventError }, refetchEvent] = useQuery({ query: DashboardEvent, variables: { id: eventId } });
  const [{ data, error, fetching }, refresh] = useQuery({
    query: DashboardStats,
    variables: { id: eventId, bucket },
    requestPolicy: "network-only",
  });
  const [{ data: live }] = useSubscription({ query: DashboardAvailability, variables: { id: eventId } });
  const version = live?.eventAvailability?.version;

  // A new availability version: fetch the analytics again (throttled to one request a second).
  const last = useRef(0);
  useEffect(() => {
    if (version === undefined) return;
    const wait = Math.max(0, last.current + 1000 - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      refresh({ requestPolicy: "network-only" });
    }, wait);
    return () => clearTimeout(timer);
  }, [version, refresh]);

  // Check-ins and payments (a hold becoming sold) move no seat, so no
  // availability message reports them: while the page is in view, the numbers
  // are also fetched again every 15 s.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refresh({ requestPolicy: "network-only" });
    }, 15_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const event = eventData?.eventById;
  const stats = data?.eventAnalytics;
  if (eventError && !eventData) return <p role="alert" className="error-box">Could not load this event: {eventError.message}</p>;
  if (eventData && !event) {
    return (
      <section>
        <h1>Event not found</h1>
        <p><Link href={base}>Back to events</Link></p>
      </section>
    );
  }
  const remaining = live?.eventAvailability?.ticketsRemaining ?? stats?.ticketsRemaining;
  const total = live?.eventAvailability?.totalTickets ?? stats?.totalTickets ?? event?.totalTickets;
  const state = live?.eventAvailability?.salesState ?? event?.salesState;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{event?.name ?? "Event"}</h1>
      {event && (
        <p>
          <time dateTime={event.startsAt}>{formatDateTime(event.startsAt)}</time> · {event.venue} · {stateLabel(state)}
        </p>
      )}
      {event?.status === "cancelled" && (
        <p className="notice notice--quiet">Cancelled; its tickets were cancelled and refunded.{event.cancelReason && <> Reason: <q>{event.cancelReason}</q></>}</p>
      )}
      <p className="actions">
        {event?.status !== "cancelled" && <Link href={`${base}/events/${eventId}/edit`}>Edit event</Link>}
        <Link href={`${base}/events/${eventId}/attendees`}>Attendees</Link>
        <Link href={`${base}/events/${eventId}/check-in`}>Check-in desk</Link>
        {event && event.status !== "cancelled" && (
          <CancelEventButton eventId={event.id} eventName={event.name} onCancelled={() => {
            refetchEvent({ requestPolicy: "network-only" });
            refresh({ requestPolicy: "network-only" });
          }} />
        )}
      </p>
      {/* A refusal (FORBIDDEN: door staff, or a role removed meanwhile) says who may see the figures. */}
      {error && <p role="alert" className="error-box">Could not load the analytics: {error.graphQLErrors[0]?.message ?? "the server could not be reached."}</p>}
      {fetching && !data && <p role="status">Loading analytics…</p>}
      <dl className="stats" aria-live="polite">
        <Stat label="Remaining" value={remaining} detail={total !== undefined ? `of ${total}` : undefined} />
        <Stat label="Held" value={stats?.ticketsHeld} detail="awaiting payment" />
        <Stat label="Sold" value={stats?.ticketsSold} />
        <Stat label="Sell-through" value={percent(stats?.sellThroughPercent)} />
        <Stat label="Waitlist" value={stats?.waitlistSize} detail="waiting" />
        <Stat
          label="Checked in"
          value={percent(stats?.checkInRatePercent)}
          detail={stats?.checkedIn != null ? `${stats.checkedIn} of ${stats.ticketsSold ?? 0} sold` : undefined}
        />
      </dl>
      <ReleaseFigures eventId={eventId} version={version} />
      {stats && (
        <p className="field__hint">
          {stats.cancellations ?? 0} cancelled · {stats.expiredHolds ?? 0} holds expired unpaid
        </p>
      )}
      <div className="chart-panel">
        <div className="chart-panel__head">
          <h2>Sales over time</h2>
          <div className="field">
            <label htmlFor="sales-bucket">Group sales</label>
            <select id="sales-bucket" value={bucket} onChange={(e) => setBucket(e.target.value as Bucket)}>
              {BUCKETS.map((b) => <option key={b.value} value={b.value}>{b.label}</option>)}
            </select>
          </div>
        </div>
        <SalesChart buckets={(data?.eventSalesOverTime?.nodes ?? []).filter((b) => b !== null)} bucket={bucket} />
      </div>
    </section>
  );
}

function percent(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? `${n.toFixed(n % 1 === 0 ? 0 : 1)}%` : undefined;
}

function Stat({ label, value, detail }: { label: string; value: number | string | null | undefined; detail?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat__value">{value ?? "–"}</span>
        {detail && <span className="stat__detail"> {detail}</span>}
      </dd>
    </div>
  );
}
