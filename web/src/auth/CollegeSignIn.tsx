import { useQuery } from "urql";
import { graphql } from "../gql";
import "./college-sign-in.css";

const SignInOptionsQuery = graphql(`
  query SignInOptions {
    collegeSignInUrl
  }
`);

/**
 * "Sign in with your college account", when the server signs people in with
 * the college's identity provider. A plain link: the browser leaves for the
 * college's page (a full page load) and comes back to /auth/complete.
 */
export function CollegeSignIn() {
  const [{ data }] = useQuery({ query: SignInOptionsQuery });
  const url = data?.collegeSignInUrl;
  if (!url) return null;
  return (
    <div className="college-sign-in">
      <a className="button college-sign-in__button" href={url}>
        Sign in with your college account
      </a>
      <p className="college-sign-in__or">or with your email and password</p>
    </div>
  );
}
