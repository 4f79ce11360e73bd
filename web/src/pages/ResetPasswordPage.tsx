import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { ErrorList } from "../components/ErrorList.tsx";
import { FormField } from "../components/FormField.tsx";
import { apiErrors, errorCode } from "../graphql/errors.ts";
import { linkTokenFromUrl } from "../lib/linkToken.ts";
import { Link } from "../router.tsx";

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(input: { token: $token, newPassword: $newPassword }) { result }
  }
`);

/** Opened from the emailed link: choose a new password with the link's token (once, within an hour). */
export default function ResetPasswordPage() {
  const [token] = useState(linkTokenFromUrl);
  const [result, reset] = useMutation(ResetPassword);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const refused = !token || errorCode(result.error) === "INVALID_TOKEN";
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await reset({ token, newPassword: password });
    if (r.data?.resetPassword?.result) setDone(true);
  };
  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <div role="status">
        {done && (
          <div className="notice">
            <p>Your password has been changed, and every device that was signed in to your account has been signed out.</p>
            <p><Link href="/signin">Sign in with your new password</Link></p>
          </div>
        )}
      </div>
      {!done && refused && (
        <div role="alert" className="error-box">
          <p>This link is not valid: it was used already, has expired (links work for an hour) or was cut short.</p>
          <p><Link href="/forgot-password">Ask for a new link</Link></p>
        </div>
      )}
      {!done && !refused && (
        <form onSubmit={submit} noValidate>
          <ErrorList messages={errors.general} />
          {/* The API names this field `password` (reset) like signup does. */}
          <FormField label="New password" name="new-password" type="password" autoComplete="new-password"
            hint="8 to 72 characters." value={password} error={errors.byField.password ?? errors.byField.newPassword}
            onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" disabled={result.fetching}>{result.fetching ? "Saving…" : "Save new password"}</button>
        </form>
      )}
    </section>
  );
}
