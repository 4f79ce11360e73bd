import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

/** The signed-in user as the banner, the verify page and the Account page show them (one document, one cache entry). */
export const MyAccount = graphql(`
  query MyAccount {
    me { id name email emailVerified emailVerificationNeeded hasPassword }
  }
`);

const ResendVerification = graphql(`
  mutation ResendVerification {
    resendVerificationEmail(input: {}) { result }
  }
`);

/**
 * Above every page while a signed-in student must verify their address before
 * booking (the college requires verified addresses: `emailVerificationNeeded`);
 * where nothing requires it, the Account page alone offers a link. The answer
 * is read again when the tab comes back into view: the link in the email is
 * usually opened in another tab, and this one should then stop asking.
 */
export function VerifyEmailBanner() {
  const [{ data }, reexecute] = useQuery({ query: MyAccount });
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") reexecute({ requestPolicy: "network-only" });
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [reexecute]);
  const me = data?.me;
  if (!me || me.emailVerificationNeeded !== true) return null;
  return (
    <section className="notice verify-banner" aria-label="Email verification">
      <p>
        <strong>Verify your email address to book tickets.</strong> We sent a link to {me.email}. Until you open it, you
        cannot book tickets, join waitlists, queues or lotteries, or be added to a club's staff.
      </p>
      <ResendVerificationButton email={me.email} onVerifiedMeanwhile={() => reexecute({ requestPolicy: "network-only" })} />
    </section>
  );
}

/** "Resend": a new verification link to `email` (24 hours), with what happened said beside it. */
export function ResendVerificationButton({ email, label = "Resend", onVerifiedMeanwhile }: {
  email: string;
  label?: string;
  onVerifiedMeanwhile: () => void;
}) {
  const [resent, resend] = useMutation(ResendVerification);
  const [sent, setSent] = useState(false);
  const errors = apiErrors(resent.error);
  const send = async () => {
    setSent(false);
    const r = await resend({});
    if (r.data?.resendVerificationEmail?.result === true) setSent(true);
    // false: verified meanwhile (another tab, another device); whoever asked reads the account again.
    else if (r.data?.resendVerificationEmail) onVerifiedMeanwhile();
  };
  return (
    <>
      <button type="button" className="secondary" onClick={send} disabled={resent.fetching}>
        {resent.fetching ? "Sending…" : label}
      </button>
      <div role="status">{sent && <p>A new link is on its way to {email}. It works for 24 hours.</p>}</div>
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </>
  );
}
