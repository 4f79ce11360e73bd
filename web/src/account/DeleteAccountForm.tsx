import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { MyAccount } from "../auth/VerifyEmailBanner.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { FormField } from "../components/FormField.tsx";
import { apiErrors } from "../graphql/errors.ts";
import { navigate } from "../router.tsx";

const DeleteAccount = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(input: { password: $password }) { deleted }
  }
`);

const RequestAccountClosure = graphql(`
  mutation RequestAccountClosure {
    requestAccountClosure(input: {}) { result }
  }
`);

/** What the person types to show they mean it. */
const CONFIRMATION = "DELETE";

/**
 * Closing the account cannot be undone: the person types a word and their
 * password, or, for an account without one (college sign-in only), asks for a
 * link mailed to their address (CloseAccountPage closes it).
 */
export function DeleteAccountForm() {
  const [{ data }] = useQuery({ query: MyAccount });
  const me = data?.me;
  return (
    <section aria-labelledby="delete-title" className="card account-section account-section--danger">
      <h2 id="delete-title">Delete your account</h2>
      <p>
        Your tickets to events that have not happened yet are cancelled (their seats go to the waitlist or back on
        sale, and paid ones are refunded), you leave every waitlist, queue and lottery and every club you help run,
        your name and email are erased and you are signed out everywhere. The only owner of a club makes someone else
        an owner first. This cannot be undone; you can sign up again with the same address later.
      </p>
      {me && (me.hasPassword === false ? <CloseByEmail email={me.email} /> : <CloseWithPassword />)}
    </section>
  );
}

function CloseByEmail({ email }: { email: string }) {
  const [result, request] = useMutation(RequestAccountClosure);
  const [confirmation, setConfirmation] = useState("");
  const [unconfirmed, setUnconfirmed] = useState(false);
  const [sent, setSent] = useState(false);
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (confirmation.trim() !== CONFIRMATION) {
      setUnconfirmed(true);
      return;
    }
    setUnconfirmed(false);
    setSent(false);
    const r = await request({});
    if (r.data?.requestAccountClosure?.result) setSent(true);
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        You sign in with your college account, so there is no password to ask for: we email a link to {email}, and
        opening it in this browser closes the account.
      </p>
      <ErrorList messages={[...errors.general, ...Object.values(errors.byField)]} />
      <FormField label={`Type ${CONFIRMATION} to confirm`} name="confirmation" autoComplete="off" spellCheck={false}
        value={confirmation} error={unconfirmed ? `Type ${CONFIRMATION} in capital letters to confirm.` : undefined}
        onChange={(e) => setConfirmation(e.target.value)} />
      <button type="submit" className="danger" disabled={result.fetching}>
        {result.fetching ? "Sending…" : "Email me a link to delete my account"}
      </button>
      <div role="status">
        {sent && <p>We sent a link to {email}. Open it within an hour, in this browser, to delete your account.</p>}
      </div>
    </form>
  );
}

function CloseWithPassword() {
  const { signOut, endingOnPurpose } = useSession();
  const [result, remove] = useMutation(DeleteAccount);
  const [form, setForm] = useState({ confirmation: "", password: "" });
  const [unconfirmed, setUnconfirmed] = useState(false);
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.confirmation.trim() !== CONFIRMATION) {
      setUnconfirmed(true);
      return;
    }
    setUnconfirmed(false);
    const r = await endingOnPurpose(() => remove({ password: form.password }));
    if (r.data?.deleteAccount?.deleted) {
      signOut("closed");
      navigate("/");
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorList messages={errors.general} />
      <FormField label={`Type ${CONFIRMATION} to confirm`} name="confirmation" autoComplete="off" spellCheck={false}
        value={form.confirmation} error={unconfirmed ? `Type ${CONFIRMATION} in capital letters to confirm.` : undefined}
        onChange={(e) => setForm({ ...form, confirmation: e.target.value })} />
      <FormField label="Your password" name="password" type="password" autoComplete="current-password"
        value={form.password} error={errors.byField.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })} />
      <button type="submit" className="danger" disabled={result.fetching}>
        {result.fetching ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
