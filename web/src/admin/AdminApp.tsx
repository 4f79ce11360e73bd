import { useSession } from "../auth/SessionContext.tsx";
import { Link, matchPath, usePath } from "../router.tsx";
import { AdminEventsPage } from "./AdminEventsPage.tsx";
import { EventFormPage } from "./EventFormPage.tsx";
import { EventDashboard } from "./EventDashboard.tsx";
import { CheckInDesk } from "./CheckInDesk.tsx";
import { CategoriesPage } from "./CategoriesPage.tsx";
import "./admin.css";

// Everything under /admin, in one lazily loaded chunk (App.tsx imports this
// file with React.lazy), so students never download the admin pages or chart.js.
// The API is the real guard (every admin operation checks the role in SQL);
// this check only spares a student a page of refusals.
export default function AdminApp() {
  const path = usePath();
  const { session } = useSession();
  if (!session) {
    return (
      <section>
        <h1>Admin</h1>
        <p className="notice">
          <Link href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</Link> with an admin account to manage events.
        </p>
      </section>
    );
  }
  if (session.role !== "admin") {
    return (
      <section>
        <h1>Admin</h1>
        <p role="alert" className="error-box">Only admins can open these pages.</p>
        <p><Link href="/">Back to upcoming events</Link></p>
      </section>
    );
  }
  return (
    <div className="admin">
      <nav aria-label="Admin" className="admin-nav">
        <ul>
          <li><Link href="/admin">Events</Link></li>
          <li><Link href="/admin/events/new">New event</Link></li>
          <li><Link href="/admin/categories">Categories</Link></li>
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
