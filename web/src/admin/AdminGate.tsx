import { lazy } from "react";
import { useSession } from "../auth/SessionContext.tsx";
import { Link, usePath } from "../router.tsx";

// The admin pages (and chart.js) are one chunk, fetched only once an admin
// opens /admin: this small gate is all a student's bundle holds of them. The
// API is the real guard (every admin operation checks the role in SQL); the
// gate only spares a visitor a page of refusals.
const AdminApp = lazy(() => import("./AdminApp.tsx"));

export function AdminGate() {
  const path = usePath();
  const { session } = useSession();
  if (session?.role === "admin") return <AdminApp />;
  return (
    <section>
      <h1>Admin</h1>
      {session ? (
        <>
          <p role="alert" className="error-box">Only admins can open these pages.</p>
          <p><Link href="/">Back to upcoming events</Link></p>
        </>
      ) : (
        <>
          <p className="notice">
            <Link href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</Link> with an admin account to manage events.
          </p>
          <p className="muted">
            Admin accounts are never made by signing up. Whoever runs this server makes one with{" "}
            <code>npm run create-admin -- --email you@college.edu --password '…'</code> (or, on a development copy,{" "}
            <code>npm run seed</code>, which prints a demo admin's sign-in).
          </p>
        </>
      )}
    </section>
  );
}
