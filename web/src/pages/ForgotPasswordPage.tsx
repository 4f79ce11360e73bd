import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { ErrorList } from "../components/ErrorList.tsx";
import { FormField } from "../components/FormField.tsx";
import { apiErrors } from "../graphql/errors.ts";
import { Link } from "../router.tsx";

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(input: { email: $email }) { accepted }
  }
`);

/**
 * The same confirmation whatever the address: the API never says whether an
 * account uses it, and neither does this page.
 */
const RESET_REQUESTED =
  "If an account uses this address, we have sent it a link to choose a new password. It works for an hour.";

export default function ForgotPasswordPage() {
  const [result, request] = useMutation(RequestPasswordReset);
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await request({ email: email.trim() });
    if (r.data?.requestPasswordReset?.accepted) setSent(true);
  };
  return (
    <section className="narrow">
      <h1>Forgot your password?</h1>
      <div role="status">
        {sent && (
          <div className="notice">
            <p>{RESET_REQUESTED}</p>
            <p>
              Nothing after a few minutes? Check your spam folder, or{" "}
              <button type="button" className="link-button" onClick={() => setSent(false)}>ask again</button>.
            </p>
          </div>
        )}
      </div>
      {!sent && (
        <form onSubmit={submit} noValidate>
          <p>Enter the email you signed up with and we will send you a link to choose a new password.</p>
          <ErrorList messages={errors.general} />
          <FormField label="Email" name="email" type="email" autoComplete="email" value={email}
            error={errors.byField.email} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" disabled={result.fetching}>{result.fetching ? "Sending…" : "Send me a link"}</button>
        </form>
      )}
      <p><Link href="/signin">Back to sign in</Link></p>
    </section>
  );
}
