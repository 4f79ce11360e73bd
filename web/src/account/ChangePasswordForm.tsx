import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { FormField } from "../components/FormField.tsx";
import { apiErrors } from "../graphql/errors.ts";

const ChangePassword = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) { token user { id name email role } }
  }
`);

/**
 * Every session of the account ends, this one included; the answer is a fresh
 * session for this browser, which takes the old one's place.
 */
export function ChangePasswordForm() {
  const { signIn, endingOnPurpose } = useSession();
  const [result, change] = useMutation(ChangePassword);
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  const [changed, setChanged] = useState(false);
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChanged(false);
    const r = await endingOnPurpose(() => change({ input: form }));
    const p = r.data?.changePassword;
    if (!p) return;
    signIn({ token: p.token, userId: p.user.id, role: p.user.role, name: p.user.name, email: p.user.email });
    setForm({ currentPassword: "", newPassword: "" });
    setChanged(true);
  };
  return (
    <section aria-labelledby="password-title" className="card account-section">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={submit} noValidate>
        <ErrorList messages={errors.general} />
        <FormField label="Current password" name="current-password" type="password" autoComplete="current-password"
          value={form.currentPassword} error={errors.byField.currentPassword}
          onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
        <FormField label="New password" name="new-password" type="password" autoComplete="new-password"
          hint="8 to 72 characters." value={form.newPassword} error={errors.byField.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
        <button type="submit" disabled={result.fetching}>{result.fetching ? "Changing…" : "Change password"}</button>
      </form>
      <div role="status">
        {changed && <p className="notice">Password changed. Every other device signed in to your account has been signed out.</p>}
      </div>
    </section>
  );
}
