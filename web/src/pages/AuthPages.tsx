import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { CollegeSignIn } from "../auth/CollegeSignIn.tsx";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { apiErrors } from "../graphql/errors.ts";
import { Link, navigate } from "../router.tsx";

const SignUpMutation = graphql(`
  mutation SignUp($input: SignupInput!) {
    signup(input: $input) { token userId role user { id name email } }
  }
`);

const SignInMutation = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) { token userId role user { id name email } }
  }
`);

type Payload = { token: string; userId: number; role: string; user: { name: string; email: string } };

function useFinishSignIn() {
  const { signIn } = useSession();
  return (p: Payload) => {
    signIn({ token: p.token, userId: p.userId, role: p.role, name: p.user.name, email: p.user.email });
    const next = new URLSearchParams(window.location.search).get("next");
    navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
  };
}

export function SignUpPage() {
  const [result, signup] = useMutation(SignUpMutation);
  const finish = useFinishSignIn();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  // Every field's problem at once, in the database's own words, before asking
  // it; the server still decides (a taken email, its own rules).
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const apiErrs = apiErrors(result.error);
  const errors = local ? { byField: local, general: [] } : apiErrs;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = signupProblems(form);
    setLocal(Object.keys(problems).length ? problems : null);
    if (Object.keys(problems).length) return;
    const r = await signup({ input: form });
    if (r.data?.signup) finish(r.data.signup);
  };
  return (
    <section className="narrow">
      <h1>Create your account</h1>
      <form onSubmit={submit} noValidate>
        <ErrorList messages={errors.general} />
        <FormField label="Name" name="name" autoComplete="name" value={form.name} error={errors.byField.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <FormField label="Email" name="email" type="email" autoComplete="email" value={form.email}
          error={errors.byField.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <FormField label="Password" name="password" type="password" autoComplete="new-password"
          hint="8 to 72 characters." value={form.password} error={errors.byField.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <button type="submit" disabled={result.fetching}>{result.fetching ? "Signing up…" : "Sign up"}</button>
      </form>
      <p>Already have an account? <Link href="/signin">Sign in instead</Link></p>
    </section>
  );
}

export function SignInPage() {
  const [result, login] = useMutation(SignInMutation);
  const finish = useFinishSignIn();
  const [form, setForm] = useState({ email: "", password: "" });
  const errors = apiErrors(result.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await login({ input: form });
    if (r.data?.login) finish(r.data.login);
  };
  return (
    <section className="narrow">
      <h1>Welcome back</h1>
      <CollegeSignIn />
      <form onSubmit={submit} noValidate>
        <ErrorList messages={errors.general} />
        <FormField label="Email" name="email" type="email" autoComplete="email" value={form.email}
          error={errors.byField.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <FormField label="Password" name="password" type="password" autoComplete="current-password"
          value={form.password} error={errors.byField.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <p className="forgot-password"><Link href="/forgot-password">Forgot password?</Link></p>
        <button type="submit" disabled={result.fetching}>{result.fetching ? "Signing in…" : "Sign in"}</button>
      </form>
      <p>New here? <Link href="/signup">Create an account</Link></p>
    </section>
  );
}

/** The signup rules of app_private.create_user, checked all at once. */
function signupProblems(form: { name: string; email: string; password: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = form.name.trim();
  if (!name || name.length > 100) problems.name = "Name is required and must be at most 100 characters.";
  if (!/^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(form.email.trim())) {
    problems.email = "Email must look like name@example.edu: no spaces, invisible characters or trailing dot.";
  }
  if ([...form.password].length < 8 || [...form.password].length > 72) problems.password = "Password must be 8 to 72 characters.";
  return problems;
}
