import { Link } from "../router.tsx";
import { ManagedEventList } from "./ManagedEvents.tsx";

/**
 * Every event, whatever became of it: upcoming soonest first, then past and cancelled ones
 * (a cancelled one says when and why), each with the way to its dashboard, edit form and check-in desk.
 */
export function AdminEventsPage() {
  return (
    <section aria-labelledby="admin-events-title">
      <div className="admin-heading">
        <h1 id="admin-events-title">Events</h1>
        <Link href="/admin/events/new" className="button">Create event</Link>
      </div>
      <ManagedEventList base="/admin" runsEvents showClub />
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
