import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { apiErrors, errorCode } from "../graphql/errors.ts";
import { linkTokenFromUrl } from "../lib/linkToken.ts";
import { Link, navigate } from "../router.tsx";

const CloseAccountWithLink = graphql(`
  mutation CloseAccountWithLink($token: String!) {
    closeAccountWithLink(input: { token: $token }) { deleted }
  }
`);

/**
 * Opened from the link mailed to an account without a password (Delete your
 * account on the Account page): one more deliberate click, signed in to that
 * account, closes it. Nothing happens on opening alone (a mail scanner may open it).
 */
export default function CloseAccountPage() {
  const { session, signOut, endingOnPurpose } = useSession();
  const [token] = useState(linkTokenFromUrl);
  const [result, close] = useMutation(CloseAccountWithLink);
  const invalid = !token || errorCode(result.error) === "INVALID_TOKEN";
  const errors = apiErrors(result.error);
  if (!session) {
    return (
      <section className="narrow">
        <h1>Delete your account</h1>
        <p role="alert" className="error-box">
          Sign in to the account you want to delete first, then open the link from your email again.{" "}
          <Link href="/signin">Sign in</Link>
        </p>
      </section>
    );
  }
  const confirm = async () => {
    const r = await endingOnPurpose(() => close({ token }));
    if (r.data?.closeAccountWithLink?.deleted) {
      signOut("closed");
      navigate("/");
    }
  };
  return (
    <section className="narrow">
      <h1>Delete your account</h1>
      {invalid ? (
        <div role="alert" className="error-box">
          <p>
            This link is not valid: it was used already, has expired (links work for an hour), was cut short, or was
            sent for another account than the one signed in here ({session.email}).
          </p>
          <p><Link href="/account">Ask for a new link on your Account page</Link></p>
        </div>
      ) : (
        <>
          <p>
            Delete the account of {session.email}? Your tickets to events that have not happened yet are cancelled,
            you leave every waitlist, queue, lottery and club, your name and email are erased and you are signed out
            everywhere. This cannot be undone.
          </p>
          {errors.general.concat(Object.values(errors.byField)).map((m) => (
            <p key={m} role="alert" className="error-box">{m}</p>
          ))}
          <button type="button" className="danger" onClick={confirm} disabled={result.fetching}>
            {result.fetching ? "Deleting…" : "Delete my account for good"}
          </button>{" "}
          <Link href="/account">Keep my account</Link>
        </>
      )}
    </section>
  );
}
