import { Link, matchPath, NavLink, usePath } from "../router.tsx";
import { AdminEventsPage } from "./AdminEventsPage.tsx";
import { EventFormPage } from "./EventFormPage.tsx";
import { EventDashboard } from "./EventDashboard.tsx";
import { CheckInDesk } from "./CheckInDesk.tsx";
import { CategoriesPage } from "./CategoriesPage.tsx";
import { AttendeesPage } from "./AttendeesPage.tsx";
import { ClubsPage } from "./ClubsPage.tsx";
import "./admin.css";

// Everything under /admin, loaded lazily by AdminGate once an admin opens it.
export default function AdminApp() {
  const path = usePath();
  return (
    <div className="admin">
      <nav aria-label="Admin" className="admin-nav">
        <ul>
          <li><NavLink href="/admin" section={(p) => /^\/admin\/events\/\d+/.test(p)}>Events</NavLink></li>
          <li><NavLink href="/admin/events/new">New event</NavLink></li>
          <li><NavLink href="/admin/categories">Categories</NavLink></li>
          <li><NavLink href="/admin/clubs">Clubs</NavLink></li>
        </ul>
      </nav>
      <AdminPage path={path} />
    </div>
  );
}

function AdminPage({ path }: { path: string }) {
  let p: Record<string, string> | null;
  if (matchPath("/admin", path)) return <AdminEventsPage />;
  if (matchPath("/admin/categories", path)) return <CategoriesPage />;
  if (matchPath("/admin/clubs", path)) return <ClubsPage />;
  if ((p = matchPath("/admin/events/:id/attendees", path))) return <AttendeesPage key={p.id} eventId={Number(p.id)} base="/admin" />;
  if (matchPath("/admin/events/new", path)) return <EventFormPage />;
  if ((p = matchPath("/admin/events/:id/edit", path))) return <EventFormPage key={p.id} eventId={Number(p.id)} />;
  if ((p = matchPath("/admin/events/:id/check-in", path))) return <CheckInDesk key={p.id} eventId={Number(p.id)} />;
  if ((p = matchPath("/admin/events/:id", path))) return <EventDashboard key={p.id} eventId={Number(p.id)} />;
  return (
    <section>
      <h1>Page not found</h1>
      <p><Link href="/admin">Back to the admin pages</Link></p>
    </section>
  );
}
