// `signup` in GraphQL answers what `login` answers: the generated mutation of
// app_public.signup (the same SQL the REST route calls) keeps its `result`, and
// its payload gains the token, userId, role and user, signed with the same code
// as login. The field keeps its name, so the one-login-or-signup-per-request
// rule (src/graphql/limits/rules.ts) still counts it.
import { lambda, list, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { signToken, type AppRole, type JwtSettings } from "../auth/jwt.ts";

interface ResultStep extends Step {
  get(attribute: string): Step;
}
interface PayloadStep extends Step {
  get(key: "result"): ResultStep;
}

export function makeSignupPlugin(jwt: JwtSettings) {
  return extendSchema(
    {
      typeDefs: gql`
        extend type SignupPayload {
          "Send as 'Authorization: Bearer <token>' (HTTP) or connectionParams.authorization (websockets)."
          token: String!
          userId: Int!
          role: String!
          "The new account (the same as result)."
          user: User!
        }
      `,
      objects: {
        SignupPayload: {
          plans: {
            token($payload: PayloadStep) {
              const $result = $payload.get("result");
              return lambda(list([$result.get("id"), $result.get("role")]), ([id, role]) =>
                signToken({ user_id: id as number, role: role as AppRole }, jwt),
              );
            },
            userId: ($payload: PayloadStep) => $payload.get("result").get("id"),
            role: ($payload: PayloadStep) => $payload.get("result").get("role"),
            user: ($payload: PayloadStep) => $payload.get("result"),
          },
        },
      },
    },
    "SignupPlugin",
  );
}
