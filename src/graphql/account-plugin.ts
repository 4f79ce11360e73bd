// `requestPasswordReset`, `changePassword`, `deleteAccount` and `closeAccountWithLink` in GraphQL, with
// the same SQL and the same order of work as their REST twins
// (src/auth/passwords.ts). `resetPassword` and `exportMyData` are generated
// from app_public.reset_password and export_my_data, `requestAccountClosure`
// from app_public.request_account_closure.
import { pgSelectSingleFromRecord, withPgClientTransaction } from "postgraphile/@dataplan/pg";
import { access, context, lambda, list, object, sideEffect, type FieldArgs, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type pg from "pg";
import type { EndedSessions } from "../auth/ended-sessions.ts";
import type { Claims, JwtSettings } from "../auth/jwt.ts";
import type { PgSettings } from "../auth/pg-settings.ts";
import {
  CHANGE_PASSWORD_SQL,
  CLOSE_ACCOUNT_WITH_LINK_SQL,
  COUNT_RESET_REQUEST_SQL,
  DELETE_ACCOUNT_SQL,
  RESET_REQUESTED,
  refuseWrongPassword,
  sendResetLinkLater,
} from "../auth/passwords.ts";
import { startSession } from "../auth/sessions.ts";
import type { Logger } from "../log.ts";

const USER_AS_ITSELF_SQL = `select to_json(u) as user from app_public.users u where u.id = $1`;

interface Changed {
  token: string;
  user: Record<string, unknown>;
}

export function makeAccountPlugin(options: {
  jwt: JwtSettings;
  pool: pg.Pool;
  log: Logger;
  endedSessions: Pick<EndedSessions, "caughtUp">;
}) {
  const { jwt, pool, log, endedSessions } = options;
  return extendSchema((build) => {
    const executor = build.input.pgRegistry.pgExecutors.main!;
    const users = build.input.pgRegistry.pgResources.users!;
    return {
      typeDefs: gql`
        input RequestPasswordResetInput {
          email: String!
        }
        type RequestPasswordResetPayload {
          "Always true: the answer is the same whether or not an account uses the email."
          accepted: Boolean!
          message: String!
        }
        input ChangePasswordInput {
          currentPassword: String!
          newPassword: String!
        }
        type ChangePasswordPayload {
          "A new session's token: every other session of the account has ended."
          token: String!
          user: User!
        }
        input DeleteAccountInput {
          password: String!
        }
        type DeleteAccountPayload {
          deleted: Boolean!
        }
        input CloseAccountWithLinkInput {
          "The token from the link requestAccountClosure mailed (?token=…)."
          token: String!
        }
        extend type Mutation {
          "Mail a link to choose a new password, if an account uses this email (the answer never says). Throttled per email and address."
          requestPasswordReset(input: RequestPasswordResetInput!): RequestPasswordResetPayload
          "Change your password with the current one; every other session ends. Errors: INVALID_CREDENTIALS, INVALID_INPUT."
          changePassword(input: ChangePasswordInput!): ChangePasswordPayload
          "Close your account (tickets to future events cancelled, name and email erased, every session ended). Errors: INVALID_CREDENTIALS, NO_PASSWORD (an account without a password: requestAccountClosure), LAST_OWNER."
          deleteAccount(input: DeleteAccountInput!): DeleteAccountPayload
          "Close your account without a password, with the token of the link requestAccountClosure mailed you, signed in to that account. Errors: INVALID_TOKEN, PASSWORD_REQUIRED, LAST_OWNER."
          closeAccountWithLink(input: CloseAccountWithLinkInput!): DeleteAccountPayload
        }
      `,
      objects: {
        Mutation: {
          plans: {
            requestPasswordReset(_$root: unknown, fieldArgs: FieldArgs) {
              const $email = fieldArgs.getRaw(["input", "email"]) as Step<string>;
              const $counted = withPgClientTransaction(executor, $email, async (client, email) => {
                await client.query({ text: COUNT_RESET_REQUEST_SQL, values: [email] }); // 429 past the limits
                return email;
              });
              // The account is looked up only after this answer has been planned and sent.
              return sideEffect($counted, (email) => {
                sendResetLinkLater(pool, email, log);
                return RESET_REQUESTED;
              });
            },
            changePassword(_$root: unknown, fieldArgs: FieldArgs) {
              const $input = fieldArgs.getRaw("input") as Step<{ currentPassword: string; newPassword: string }>;
              const $settings = context().get("pgSettings") as Step<PgSettings>;
              const $args = list([$input, $settings, context().get("userAgent")]);
              const $row = withPgClientTransaction(executor, $args, async (client, [input, settings, userAgent]): Promise<Changed | null> => {
                const { currentPassword, newPassword } = input as { currentPassword: string; newPassword: string };
                const { rows } = await client.query<{ changed: boolean }>({ text: CHANGE_PASSWORD_SQL, values: [currentPassword, newPassword] });
                if (!rows[0]?.changed) return null; // committed: the failure stays recorded
                const me = settings as PgSettings;
                const who = { user_id: Number(me["jwt.claims.user_id"]), role: me["jwt.claims.role"] as Claims["role"] };
                const { token } = await startSession(client, who, userAgent, jwt);
                const user = await client.query<{ user: Record<string, unknown> }>({ text: USER_AS_ITSELF_SQL, values: [who.user_id] });
                return { token, user: user.rows[0]!.user };
              });
              const $changed = sideEffect($row, async (row) => {
                refuseWrongPassword(row !== null);
                await endedSessions.caughtUp();
                return row!;
              });
              return object({ token: access($changed, "token"), user: pgSelectSingleFromRecord(users, access($changed, "user")) });
            },
            deleteAccount(_$root: unknown, fieldArgs: FieldArgs) {
              const $password = fieldArgs.getRaw(["input", "password"]) as Step<string>;
              const $row = withPgClientTransaction(executor, $password, async (client, password) => {
                const { rows } = await client.query<{ deleted: boolean }>({ text: DELETE_ACCOUNT_SQL, values: [password] });
                return rows[0]?.deleted === true; // committed either way: a wrong password stays recorded
              });
              return sideEffect($row, async (deleted) => {
                refuseWrongPassword(deleted, "password");
                await endedSessions.caughtUp();
                return { deleted: true };
              });
            },
            closeAccountWithLink(_$root: unknown, fieldArgs: FieldArgs) {
              const $token = fieldArgs.getRaw(["input", "token"]) as Step<string>;
              const $closed = withPgClientTransaction(executor, $token, async (client, token) => {
                await client.query({ text: CLOSE_ACCOUNT_WITH_LINK_SQL, values: [token] }); // refusals raise: nothing kept
                return true;
              });
              return sideEffect($closed, async () => {
                await endedSessions.caughtUp();
                return { deleted: true };
              });
            },
          },
        },
      },
    };
  }, "AccountPlugin");
}
