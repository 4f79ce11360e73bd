import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { MyAccount } from "../auth/VerifyEmailBanner.tsx";
import { apiErrors, errorCode } from "../graphql/errors.ts";
import { linkTokenFromUrl } from "../lib/linkToken.ts";
import { Link } from "../router.tsx";

const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(input: { token: $token }) { result { id email emailVerified } }
  }
`);

type State = { kind: "verifying" } | { kind: "verified"; email: string } | { kind: "invalid" } | { kind: "failed"; message: string };

/**
 * Opened from the link mailed at signup: follows it at once (nothing to type),
 * once per page even when React runs the effect twice in development.
 */
export default function VerifyEmailPage() {
  const [, verify] = useMutation(VerifyEmail);
  const [state, setState] = useState<State>({ kind: "verifying" });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = linkTokenFromUrl();
    if (!token) {
      setState({ kind: "invalid" });
      return;
    }
    verify({ token }).then((r) => {
      const user = r.data?.verifyEmail?.result;
      if (user) setState({ kind: "verified", email: user.email });
      else if (errorCode(r.error) === "INVALID_TOKEN") setState({ kind: "invalid" });
      else setState({ kind: "failed", message: apiErrors(r.error).general[0] ?? "The link could not be checked. Try again." });
    });
  }, [verify]);

  return (
    <section className="narrow">
      <h1>Verify your email</h1>
      <div role="status">
        {state.kind === "verifying" && <p>Checking your link…</p>}
        {state.kind === "verified" && (
          <div className="notice">
            <p>Your email address {state.email} is verified. You can book tickets.</p>
            <p><Link href="/">Browse upcoming events</Link></p>
          </div>
        )}
      </div>
      {state.kind === "invalid" && <InvalidLink />}
      {state.kind === "failed" && <p role="alert" className="error-box">{state.message}</p>}
    </section>
  );
}

function InvalidLink() {
  const { session } = useSession();
  return (
    <div role="alert" className="error-box">
      <p>This link is not valid: it was used already, has expired (links work for 24 hours) or was cut short.</p>
      {session ? <NextStepSignedIn /> : <p><Link href="/signin">Sign in</Link> to get a new link.</p>}
    </div>
  );
}

/** A used link is often a second click: say so when the address is verified already. */
function NextStepSignedIn() {
  const [{ data }] = useQuery({ query: MyAccount });
  if (!data?.me) return null;
  if (data.me.emailVerified) return <p>Your address {data.me.email} is verified already: there is nothing more to do.</p>;
  return <p>Use “Resend” above to get a new link.</p>;
}
