import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { Provider } from "urql";
import { SessionProvider, useSession } from "./auth/SessionContext.tsx";
import { makeClient } from "./graphql/client.ts";
import { Layout } from "./components/Layout.tsx";
import { matchPath, usePath } from "./router.tsx";
import { EventListPage } from "./pages/EventListPage.tsx";
import { SignInPage, SignUpPage } from "./pages/AuthPages.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { AdminGate } from "./admin/AdminGate.tsx";

// Pages a visitor rarely opens first are split out of the main bundle.
const EventPage = lazy(() => import("./pages/EventPage.tsx"));
const MyTicketsPage = lazy(() => import("./pages/MyTicketsPage.tsx"));

interface Route {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
}

// Admin routes (W2) go here too, each page lazy-loaded from ./admin/.
const routes: Route[] = [
  { pattern: "/", render: () => <EventListPage /> },
  { pattern: "/signin", render: () => <SignInPage /> },
  { pattern: "/signup", render: () => <SignUpPage /> },
  { pattern: "/events/:id", render: (p) => <EventPage eventId={Number(p.id)} /> },
  { pattern: "/tickets", render: () => <MyTicketsPage /> },
];

function CurrentPage() {
  const path = usePath();
  if (path === "/admin" || path.startsWith("/admin/")) return <AdminGate />;
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <NotFoundPage />;
}

function ClientForSession({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  const client = useMemo(() => makeClient(token, signOut), [token, signOut]);
  return <Provider value={client}>{children}</Provider>;
}

export function App() {
  return (
    <SessionProvider>
      <ClientForSession>
        <Layout>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <CurrentPage />
          </Suspense>
        </Layout>
      </ClientForSession>
    </SessionProvider>
  );
}
