import { lazy, Suspense, useEffect, useMemo, useRef, type ReactNode } from "react";
import { Provider } from "urql";
import { SessionProvider, useSession } from "./auth/SessionContext.tsx";
import { makeClient } from "./graphql/client.ts";
import { Layout } from "./components/Layout.tsx";
import { PageErrorBoundary } from "./components/PageErrorBoundary.tsx";
import { matchPath, usePath } from "./router.tsx";
import { EventListPage } from "./pages/EventListPage.tsx";
import { SignInPage, SignUpPage } from "./pages/AuthPages.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { AdminGate } from "./admin/AdminGate.tsx";
import { OrganiserGate } from "./organiser/OrganiserGate.tsx";

// Pages a visitor rarely opens first are split out of the main bundle.
const EventPage = lazy(() => import("./pages/EventPage.tsx"));
const MyTicketsPage = lazy(() => import("./pages/MyTicketsPage.tsx"));
const AuthCompletePage = lazy(() => import("./pages/AuthCompletePage.tsx"));
const AccountPage = lazy(() => import("./account/AccountPage.tsx"));
const VerifyEmailPage = lazy(() => import("./pages/VerifyEmailPage.tsx"));
const ForgotPasswordPage = lazy(() => import("./pages/ForgotPasswordPage.tsx"));
const ResetPasswordPage = lazy(() => import("./pages/ResetPasswordPage.tsx"));
const CloseAccountPage = lazy(() => import("./pages/CloseAccountPage.tsx"));
const ClubPage = lazy(() => import("./pages/ClubPage.tsx"));

interface Route {
  pattern: string;
  title: string;
  render: (params: Record<string, string>) => ReactNode;
}

// Admin routes (W2) go here too, each page lazy-loaded from ./admin/.
const routes: Route[] = [
  { pattern: "/", title: "Upcoming events", render: () => <EventListPage /> },
  { pattern: "/signin", title: "Sign in", render: () => <SignInPage /> },
  { pattern: "/signup", title: "Sign up", render: () => <SignUpPage /> },
  { pattern: "/auth/complete", title: "Signing in", render: () => <AuthCompletePage /> },
  {
    pattern: "/events/:id",
    title: "Event",
    render: (p) => (/^\d+$/.test(p.id) ? <EventPage eventId={Number(p.id)} /> : <NotFoundPage />),
  },
  {
    pattern: "/clubs/:id",
    title: "Club",
    render: (p) => (/^\d+$/.test(p.id) ? <ClubPage clubId={Number(p.id)} /> : <NotFoundPage />),
  },
  { pattern: "/tickets", title: "My tickets", render: () => <MyTicketsPage /> },
  { pattern: "/account", title: "Account", render: () => <AccountPage /> },
  // The pages the links in emails open (PUBLIC_URL/verify-email?token=…, /reset-password?token=…, /close-account?token=…).
  { pattern: "/verify-email", title: "Verify your email", render: () => <VerifyEmailPage /> },
  { pattern: "/forgot-password", title: "Forgot password", render: () => <ForgotPasswordPage /> },
  { pattern: "/reset-password", title: "Choose a new password", render: () => <ResetPasswordPage /> },
  { pattern: "/close-account", title: "Delete your account", render: () => <CloseAccountPage /> },
];

/**
 * After a client-side navigation, screen readers and keyboard users start at
 * the new page's content (as after a full page load), and the tab title follows.
 */
function useAnnouncePage(path: string, title: string) {
  const first = useRef(true);
  useEffect(() => {
    document.title = `${title} · Campus tickets`;
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path, title]);
}

function CurrentPage() {
  const path = usePath();
  const isAdmin = path === "/admin" || path.startsWith("/admin/");
  const isOrganiser = path === "/organiser" || path.startsWith("/organiser/");
  const match = isAdmin || isOrganiser ? null : routes.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params);
  useAnnouncePage(path, isAdmin ? "Admin" : isOrganiser ? "My clubs" : (match?.r.title ?? "Page not found"));
  if (isAdmin) return <AdminGate />;
  if (isOrganiser) return <OrganiserGate />;
  if (match?.params) return <>{match.r.render(match.params)}</>;
  return <NotFoundPage />;
}

function ClientForSession({ children }: { children: ReactNode }) {
  const { session, expire } = useSession();
  const token = session?.token ?? null;
  const client = useMemo(() => makeClient(token, () => token && expire(token)), [token, expire]);
  return <Provider value={client}>{children}</Provider>;
}

export function App() {
  const path = usePath();
  return (
    <SessionProvider>
      <ClientForSession>
        <Layout>
          <PageErrorBoundary path={path}>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <CurrentPage />
            </Suspense>
          </PageErrorBoundary>
        </Layout>
      </ClientForSession>
    </SessionProvider>
  );
}
