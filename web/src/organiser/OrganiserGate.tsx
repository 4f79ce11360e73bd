import { lazy } from "react";
import { useSession } from "../auth/SessionContext.tsx";
import { Link, usePath } from "../router.tsx";

// The organiser console (and chart.js) is a chunk of its own, fetched once a
// signed-in user opens /organiser. The API is the guard: every page asks the
// database, which answers by the caller's club roles.
const OrganiserApp = lazy(() => import("./OrganiserApp.tsx"));

export function OrganiserGate() {
  const path = usePath();
  const { session } = useSession();
  if (session) return <OrganiserApp />;
  return (
    <section>
      <h1>My clubs</h1>
      <p className="notice">
        <Link href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</Link> to run your club's events.
      </p>
    </section>
  );
}
