// `login` in GraphQL: the database checks the password (app_public.authenticate),
// Node signs the token with the same code the REST route uses.
import { withPgClientTransaction } from "postgraphile/@dataplan/pg";
import { access, lambda, object, type FieldArgs } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import { signToken, type JwtSettings } from "../auth/jwt.ts";

interface LoginInput {
  email: string;
  password: string;
}

export function makeLoginPlugin(jwt: JwtSettings) {
  return extendSchema((build) => {
    const executor = build.input.pgRegistry.pgExecutors.main!;
    return {
      typeDefs: gql`
        input LoginInput {
          email: String!
          password: String!
        }
        type LoginPayload {
          "Send as 'Authorization: Bearer <token>' (HTTP) or connectionParams.authorization (websockets)."
          token: String!
          userId: Int!
          role: String!
        }
        extend type Mutation {
          "Exchange an email and password for a signed token."
          login(input: LoginInput!): LoginPayload
        }
      `,
      plans: {
        Mutation: {
          login(_$root: unknown, fieldArgs: FieldArgs) {
            const $input = fieldArgs.getRaw("input");
            const $row = withPgClientTransaction(executor, $input, async (client, input: LoginInput) => {
              const { rows } = await client.query<AuthenticateRow>({ text: AUTHENTICATE_SQL, values: [input.email, input.password] });
              return rows[0];
            });
            const $claims = lambda($row, claimsOrInvalid); // after the commit: a failed attempt stays recorded
            return object({
              token: lambda($claims, (claims) => signToken(claims, jwt)),
              userId: access($claims, "user_id"),
              role: access($claims, "role"),
            });
          },
        },
      },
    };
  }, "LoginPlugin");
}
