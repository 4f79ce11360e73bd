// `login` in GraphQL: the database checks the password (app_hidden.authenticate)
// and starts a session, Node signs the token with the same code the REST route
// uses (src/auth/sessions.ts). The payload
// carries the signed-in User, read as that user (an anonymous caller may not
// read users), so a client can show "signed in as …" without a second request.
import { pgSelectSingleFromRecord, withPgClientTransaction } from "postgraphile/@dataplan/pg";
import { access, context, lambda, list, object, type FieldArgs } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import type { JwtSettings } from "../auth/jwt.ts";
import { startSession } from "../auth/sessions.ts";

interface LoginInput {
  email: string;
  password: string;
}

interface LoginRow extends AuthenticateRow {
  /** The new session's token and the users row as JSON, when the password was right. */
  token?: string;
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
              const $args = list([$input, context().get("userAgent")]);
              const $row = withPgClientTransaction(executor, $args, async (client, [input, userAgent]): Promise<LoginRow | undefined> => {
                const { email, password } = input as LoginInput;
                const { rows } = await client.query<AuthenticateRow>({ text: AUTHENTICATE_SQL, values: [email, password] });
                const row = rows[0];
                if (!row || row.user_id === null || row.role === null) return row && { ...row, user: null };
                // A session for the user who just proved who they are; the transaction now acts as them.
                const { token } = await startSession(client, { user_id: row.user_id, role: row.role }, userAgent, jwt);
                const user = await client.query<{ user: Record<string, unknown> }>({ text: USER_AS_ITSELF_SQL, values: [row.user_id] });
                return { ...row, token, user: user.rows[0]?.user ?? null };
              });
              // After the commit: a failed attempt stays recorded.
              const $signedIn = lambda($row, (row) => (claimsOrInvalid(row), row!));
              return object({
                token: access($signedIn, "token"),
                userId: access($signedIn, "user_id"),
                role: access($signedIn, "role"),
                user: pgSelectSingleFromRecord(users, access($signedIn, "user")),
              });
            },
          },
        },
      },
    };
  }, "LoginPlugin");
}
