import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";

/** The signed-in user as the banner, the verify page and the Account page show them (one document, one cache entry). */
export const MyAccount = graphql(`
  query MyAccount {
    me { id name email emailVerified }
  }
`);

const ResendVerification = graphql(`
  mutation ResendVerification {
    resendVerificationEmail(input: {}) { result }
  }
`);

/**
 * Above every page while a signed-in student's address is unverified. The
 * answer is read again when the tab comes back into view: the link in the email
 * is usually opened in another tab, and this one should then stop asking.
 */
export function VerifyEmailBanner() {
  const [{ data }, reexecute] = useQuery({ query: MyAccount });
  const [resent, resend] = useMutation(ResendVerification);
  const [sent, setSent] = useState(false);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") reexecute({ requestPolicy: "network-only" });
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [reexecute]);
  const me = data?.me;
  if (!me || me.emailVerified !== false) return null;
  const errors = apiErrors(resent.error);
  const send = async () => {
    setSent(false);
    const r = await resend({});
    if (r.data?.resendVerificationEmail?.result === true) setSent(true);
    // false: verified meanwhile (another tab, another device); the banner goes.
    else if (r.data?.resendVerificationEmail) reexecute({ requestPolicy: "network-only" });
  };
  return (
    <section className="notice verify-banner" aria-label="Email verification">
      <p>
        <strong>Check your email to verify your address.</strong> We sent a link to {me.email}; until you follow it you
        may not be able to book tickets.
      </p>
      <button type="button" className="secondary" onClick={send} disabled={resent.fetching}>
        {resent.fetching ? "Sending…" : "Resend"}
      </button>
      <div role="status">{sent && <p>A new link is on its way to {me.email}. It works for 24 hours.</p>}</div>
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </section>
  );
}
