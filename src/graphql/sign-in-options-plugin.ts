// `collegeSignInUrl`: whether this server signs people in with the college's
// account (OIDC_* set), and where a browser starts (src/rest/single-sign-on.ts).
// The web app shows "Sign in with your college account" when it is not null.
import { constant } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";

export function makeSignInOptionsPlugin(startPath: string | null) {
  return extendSchema({
    typeDefs: gql`
      extend type Query {
        "Where a browser starts signing in with the college's account (single sign-on: a page load, relative to this API), or null when this server has none."
        collegeSignInUrl: String
      }
    `,
    objects: {
      Query: {
        plans: {
          collegeSignInUrl: () => constant(startPath),
        },
      },
    },
  });
}
