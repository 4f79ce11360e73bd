import { useEffect, useState } from "react";
import { useClient } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { Link, navigate } from "../router.tsx";

// Where signing in with the college's account ends: the server sends the browser
// to /auth/complete#token=<token>, or #error=<CODE> when it refused. The
// fragment never reaches a server; it leaves the address bar (and the history)
// as soon as the page has read it.

const SignedInAsQuery = graphql(`
  query SignedInAs {
    me { id name email role }
  }
`);

const REFUSALS: Record<string, string> = {
  EMAIL_NOT_VERIFIED:
    "Your college account's email address is not verified, so it cannot sign you in here. Ask your college's IT office, or sign in with your email and password.",
  EMAIL_DOMAIN_NOT_ALLOWED:
    "This site is for the college's own email addresses, and your account's address is not one of them. Sign in with your college account, or with your email and password.",
  OIDC_UNAVAILABLE: "The college's sign-in cannot be reached right now. Try again in a few minutes, or sign in with your email and password.",
  EMAIL_TAKEN: "An account with your address was created at the same moment. Please try again.",
  NOTHING: "There is no sign-in to finish here. Start from the sign-in page.",
};
const FAILED =
  "Signing in with your college account did not work: it may have taken too long, or been started in another tab or browser. Please try again.";

function fragment(): { token: string | null; error: string | null } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { token: params.get("token"), error: params.get("error") };
}

export default function AuthCompletePage() {
  const [outcome] = useState(fragment);
  const [refusal, setRefusal] = useState(outcome.token ? null : (outcome.error ?? "NOTHING"));
  const { signIn } = useSession();
  const client = useClient();

  useEffect(() => {
    if (window.location.hash) history.replaceState(null, "", window.location.pathname);
    const token = outcome.token;
    if (!token) return;
    let current = true;
    client
      .query(SignedInAsQuery, {}, { requestPolicy: "network-only", fetchOptions: { headers: { authorization: `Bearer ${token}` } } })
      .toPromise()
      .then(({ data }) => {
        if (!current) return;
        const me = data?.me;
        if (!me) return setRefusal("OIDC_FAILED");
        signIn({ token, userId: me.id, role: me.role, name: me.name, email: me.email });
        navigate("/", { replace: true });
      });
    return () => {
      current = false;
    };
  }, [outcome, client, signIn]);

  if (!refusal) {
    return (
      <section className="narrow">
        <h1>Signing you in…</h1>
        <p role="status">Just a moment.</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>We could not sign you in</h1>
      <div role="alert" className="error-box">
        <p>{REFUSALS[refusal] ?? FAILED}</p>
      </div>
      <p>
        <Link href="/signin">Back to sign in</Link>
      </p>
    </section>
  );
}
