import { useEffect, useRef, type ReactNode } from "react";
import { useClient, useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { SessionNoticeBox } from "../auth/SessionNoticeBox.tsx";
import { VerifyEmailBanner } from "../auth/VerifyEmailBanner.tsx";
import { graphql } from "../gql";
import { Link, NavLink, navigate, usePath } from "../router.tsx";

// Whether to offer the organiser console: the signed-in student has a role in a club.
const HasClubs = graphql(`
  query HasClubs {
    myClubs(first: 1) { totalCount }
  }
`);

function MyClubsLink() {
  const path = usePath();
  const [{ data }, refetch] = useQuery({ query: HasClubs });
  // Roles change while the app is open (an owner adds or removes you; an
  // invitation turns into a role once the address is verified): ask again on
  // each page change, so the link comes and goes without a reload.
  const seen = useRef(path);
  useEffect(() => {
    if (seen.current === path) return;
    seen.current = path;
    refetch({ requestPolicy: "network-only" });
  }, [path, refetch]);
  if (!data?.myClubs?.totalCount) return null;
  return <li><NavLink href="/organiser" section={(p) => p.startsWith("/organiser/")}>My clubs</NavLink></li>;
}

const LogoutMutation = graphql(`
  mutation Logout {
    logout(input: {}) { result }
  }
`);

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut, endingOnPurpose } = useSession();
  const client = useClient();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <Link href="/" className="brand"><span className="brand__mark" aria-hidden="true" />Campus tickets</Link>
        <nav aria-label="Main">
          <ul>
            <li><NavLink href="/" section={(p) => p.startsWith("/events/") || p.startsWith("/clubs/")}>Events</NavLink></li>
            {/* Admins do not book: their tickets page would always be empty. */}
            {session?.role === "student" && <li><NavLink href="/tickets">My tickets</NavLink></li>}
            {session?.role === "student" && <MyClubsLink key={session.token} />}
            {session?.role === "admin" && <li><NavLink href="/admin" section={(p) => p.startsWith("/admin/")}>Admin</NavLink></li>}
            {session && <li><NavLink href="/account">Account</NavLink></li>}
            {!session && <li><NavLink href="/signin">Sign in</NavLink></li>}
            {!session && <li><NavLink href="/signup">Sign up</NavLink></li>}
            {session && (
              <li>
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    // The server ends the session (the token stops working everywhere), then we forget it.
                    await endingOnPurpose(() => client.mutation(LogoutMutation, {}).toPromise());
                    signOut();
                    navigate("/");
                  }}
                >
                  Sign out
                </button>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <SessionNoticeBox />
        {session?.role === "student" && <VerifyEmailBanner />}
        {children}
      </main>
    </>
  );
}
