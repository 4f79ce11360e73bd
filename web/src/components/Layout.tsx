import type { ReactNode } from "react";
import { useClient } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { SessionNoticeBox } from "../auth/SessionNoticeBox.tsx";
import { VerifyEmailBanner } from "../auth/VerifyEmailBanner.tsx";
import { graphql } from "../gql";
import { Link, navigate } from "../router.tsx";

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
        <Link href="/" className="brand">Campus tickets</Link>
        <nav aria-label="Main">
          <ul>
            <li><Link href="/">Events</Link></li>
            {session && <li><Link href="/tickets">My tickets</Link></li>}
            {session && <li><Link href="/account">Account</Link></li>}
            {session?.role === "admin" && <li><Link href="/admin">Admin</Link></li>}
            {!session && <li><Link href="/signin">Sign in</Link></li>}
            {!session && <li><Link href="/signup">Sign up</Link></li>}
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
