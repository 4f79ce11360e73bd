import { Link, matchPath, NavLink, usePath } from "../router.tsx";
import { EventFormPage } from "../admin/EventFormPage.tsx";
import { EventDashboard } from "../admin/EventDashboard.tsx";
import { CheckInDesk } from "../admin/CheckInDesk.tsx";
import { AttendeesPage } from "../admin/AttendeesPage.tsx";
import { MyClubsPage } from "./MyClubsPage.tsx";
import { ClubEventsPage } from "./ClubEventsPage.tsx";
import { MembersPage } from "./MembersPage.tsx";
import { ClubStaffOnly, EventStaffOnly } from "./StaffOnly.tsx";
import "../admin/admin.css";

// Everything under /organiser: the people a club gave a role. The pages are the
// admin's own (dashboard, edit, attendees, check-in desk), scoped by the database.
const BASE = "/organiser";

export default function OrganiserApp() {
  const path = usePath();
  return (
    <div className="admin">
      <nav aria-label="Organiser" className="admin-nav">
        <ul>
          <li><NavLink href={BASE} section={(p) => p.startsWith(`${BASE}/`)}>My clubs</NavLink></li>
        </ul>
      </nav>
      <OrganiserPage path={path} />
    </div>
  );
}

function OrganiserPage({ path }: { path: string }) {
  let p: Record<string, string> | null;
  const id = (value: string) => (/^\d+$/.test(value) ? Number(value) : null);
  if (matchPath(BASE, path)) return <MyClubsPage />;
  if ((p = matchPath(`${BASE}/clubs/:id`, path)) && id(p.id)) return <ClubEventsPage key={p.id} clubId={id(p.id)!} />;
  if ((p = matchPath(`${BASE}/clubs/:id/members`, path)) && id(p.id)) return <MembersPage key={p.id} clubId={id(p.id)!} />;
  // Door staff's one page is the desk; the others are for owners and managers (StaffOnly), each
  // with the way back to its club.
  if ((p = matchPath(`${BASE}/clubs/:id/events/new`, path)) && id(p.id)) {
    return <ClubStaffOnly key={p.id} clubId={id(p.id)!}><EventFormPage clubId={id(p.id)!} base={BASE} /></ClubStaffOnly>;
  }
  if ((p = matchPath(`${BASE}/events/:id/edit`, path)) && id(p.id)) {
    return <EventStaffOnly key={p.id} eventId={id(p.id)!}><EventFormPage eventId={id(p.id)!} base={BASE} /></EventStaffOnly>;
  }
  if ((p = matchPath(`${BASE}/events/:id/attendees`, path)) && id(p.id)) {
    return <EventStaffOnly key={p.id} eventId={id(p.id)!}><AttendeesPage eventId={id(p.id)!} base={BASE} /></EventStaffOnly>;
  }
  if ((p = matchPath(`${BASE}/events/:id/check-in`, path)) && id(p.id)) {
    return <EventStaffOnly key={p.id} eventId={id(p.id)!} noRoleCheck><CheckInDesk eventId={id(p.id)!} base={BASE} /></EventStaffOnly>;
  }
  if ((p = matchPath(`${BASE}/events/:id`, path)) && id(p.id)) {
    return <EventStaffOnly key={p.id} eventId={id(p.id)!}><EventDashboard eventId={id(p.id)!} base={BASE} /></EventStaffOnly>;
  }
  return (
    <section>
      <h1>Page not found</h1>
      <p><Link href={BASE}>Back to my clubs</Link></p>
    </section>
  );
}
