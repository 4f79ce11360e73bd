// `login` in GraphQL: the database checks the password (app_hidden.authenticate),
// Node signs the token with the same code the REST route uses. The payload
// carries the signed-in User, read as that user (an anonymous caller may not
// read users), so a client can show "signed in as …" without a second request.
import { pgSelectSingleFromRecord, withPgClientTransaction } from "postgraphile/@dataplan/pg";
import { access, lambda, object, type FieldArgs } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import { signToken, type Claims, type JwtSettings } from "../auth/jwt.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";

interface LoginInput {
  email: string;
  password: string;
}

interface LoginRow extends AuthenticateRow {
  /** The users row as JSON, when the password was right. */
  user: Record<string, unknown> | null;
}

const USER_AS_ITSELF_SQL = `select to_json(u) as user from app_public.users u where u.id = $1`;

export function makeLoginPlugin(jwt: JwtSettings) {
  return extendSchema((build) => {
    const executor = build.input.pgRegistry.pgExecutors.main!;
    const users = build.input.pgRegistry.pgResources.users!;
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
          "The signed-in user."
          user: User!
        }
        extend type Mutation {
          "Exchange an email and password for a signed token and the user."
          login(input: LoginInput!): LoginPayload
        }
      `,
      objects: {
        Mutation: {
          plans: {
            login(_$root: unknown, fieldArgs: FieldArgs) {
              const $input = fieldArgs.getRaw("input");
              const $row = withPgClientTransaction(executor, $input, async (client, input: LoginInput): Promise<LoginRow | undefined> => {
                const { rows } = await client.query<AuthenticateRow>({ text: AUTHENTICATE_SQL, values: [input.email, input.password] });
                const row = rows[0];
                if (!row || row.user_id === null || row.role === null) return row && { ...row, user: null };
                // Read the account as the user who just proved who they are (transaction-local settings).
                for (const [name, value] of Object.entries(pgSettingsFor({ user_id: row.user_id, role: row.role }))) {
                  await client.query({ text: "select set_config($1, $2, true)", values: [name, value] });
                }
                const user = await client.query<{ user: Record<string, unknown> }>({ text: USER_AS_ITSELF_SQL, values: [row.user_id] });
                return { ...row, user: user.rows[0]?.user ?? null };
              });
              const $claims = lambda($row, claimsOrInvalid); // after the commit: a failed attempt stays recorded
              return object({
                token: lambda($claims, (claims: Claims) => signToken(claims, jwt)),
                userId: access($claims, "user_id"),
                role: access($claims, "role"),
                user: pgSelectSingleFromRecord(users, access($row, "user")),
              });
            },
          },
        },
      },
    };
  }, "LoginPlugin");
}
