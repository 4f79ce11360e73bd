// Password reset and change, and closing an account, shared by REST and GraphQL. The rules are the
// database's (app_hidden.count_password_reset_request, send_password_reset,
// app_public.reset_password, app_hidden.change_password); what is decided here
// is only *when* things run:
//   * a reset request is counted (429 past the limits, the same work for any
//     email), answered, and only then is the account looked up and a link
//     mailed, by the server's own role, so neither the answer nor its timing
//     says whether an account uses the address;
//   * a wrong current password is recorded before it is refused (as login).
import type pg from "pg";
import { AppError, appError } from "../errors.ts";
import type { Logger } from "../log.ts";

export const COUNT_RESET_REQUEST_SQL = "select app_hidden.count_password_reset_request($1)";
const SEND_RESET_SQL = "select app_hidden.send_password_reset($1)";
export const CHANGE_PASSWORD_SQL = "select app_hidden.change_password($1, $2) as changed";
export const RESET_PASSWORD_SQL = "select app_public.reset_password($1, $2)";
export const DELETE_ACCOUNT_SQL = "select app_hidden.delete_account($1) as deleted";
/** Closing an account without a password: the link mailed by app_public.request_account_closure. */
export const REQUEST_ACCOUNT_CLOSURE_SQL = "select app_public.request_account_closure()";
export const CLOSE_ACCOUNT_WITH_LINK_SQL = "select app_hidden.close_account_with_link($1) as deleted";

/** The one answer to every reset request that was not throttled. */
export const RESET_REQUESTED = {
  accepted: true as const,
  message: "If an account uses this address, we have sent it a link to choose a new password. It works for an hour.",
};

/**
 * After the answer has gone: mail a reset link if an account uses `email`. Runs
 * on `pool` as the server's own role (the authenticator; no request role may);
 * a failure is logged, never reported to the client, who was already answered.
 */
export function sendResetLinkLater(pool: pg.Pool, email: string, log: Logger) {
  setImmediate(() => {
    pool.query(SEND_RESET_SQL, [email]).catch((error: Error) => log.error({ err: error.message }, "sending a password reset link failed"));
  });
}

/** change_password or delete_account answered false: the password was wrong (recorded, committed). */
export function refuseWrongPassword(done: boolean | undefined, field = "current_password"): void {
  if (!done) throw appError("INVALID_CREDENTIALS:password", field);
}
