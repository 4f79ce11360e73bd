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
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await request({ email: email.trim() });
    if (r.data?.requestPasswordReset?.accepted) setSentTo(email.trim());
  };
  return (
    <section className="narrow">
      <h1>Forgot your password?</h1>
      <div role="status">
        {sentTo && (
          <div className="notice">
            <p>{RESET_REQUESTED}</p>
            <p>Nothing arrived? Check your spam folder, or ask again in a few minutes.</p>
          </div>
        )}
      </div>
      {!sentTo && (
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
