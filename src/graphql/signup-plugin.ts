// `signup` in GraphQL answers what `login` answers: the generated mutation of
// app_public.signup (the same SQL the REST route calls) keeps its `result`, and
// its payload gains the token (of a session started for the new account, as
// login starts one: src/auth/sessions.ts), userId, role and user. The field
// keeps its name, so the one-login-or-signup-per-request rule
// (src/graphql/limits/rules.ts) still counts it.
//
// Before the signup runs, the attempt is counted against the client's address
// in a transaction of its own (src/auth/signup-attempts.ts), as REST does: the
// generated mutation's steps are planned after that side effect, so grafast
// runs them only once it has committed, and not at all when it refused (429).
import { sideEffectWithPgClientTransaction, withPgClientTransaction } from "postgraphile/@dataplan/pg";
import { constant, context, list, type Step } from "postgraphile/grafast";
import { extendSchema, gql, wrapPlans } from "postgraphile/utils";
import type { AppRole, JwtSettings } from "../auth/jwt.ts";
import { startSession } from "../auth/sessions.ts";
import { COUNT_SIGNUP_ATTEMPT_SQL } from "../auth/signup-attempts.ts";

interface ResultStep extends Step {
  get(attribute: string): Step;
}
interface PayloadStep extends Step {
  get(key: "result"): ResultStep;
}

const SignupAttemptPlugin = wrapPlans(
  (build) => {
    const executor = build.input!.pgRegistry.pgExecutors.main!;
    return {
      Mutation: {
        signup(plan) {
          sideEffectWithPgClientTransaction(executor, constant(null), async (client) => {
            await client.query({ text: COUNT_SIGNUP_ATTEMPT_SQL });
          });
          return plan();
        },
      },
    };
  },
  { name: "SignupAttemptPlugin" },
);

export function makeSignupPlugin(jwt: JwtSettings): GraphileConfig.Plugin[] {
  const payload = extendSchema(
    (build) => {
      const executor = build.input.pgRegistry.pgExecutors.main!;
      return {
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
                const $args = list([$result.get("id"), $result.get("role"), context().get("userAgent")]);
                return withPgClientTransaction(executor, $args, async (client, [id, role, userAgent]) => {
                  const { token } = await startSession(client, { user_id: id as number, role: role as AppRole }, userAgent, jwt);
                  return token;
                });
              },
              userId: ($payload: PayloadStep) => $payload.get("result").get("id"),
              role: ($payload: PayloadStep) => $payload.get("result").get("role"),
              user: ($payload: PayloadStep) => $payload.get("result"),
            },
          },
        },
      };
    },
    "SignupPlugin",
  );
  return [SignupAttemptPlugin, payload];
}
