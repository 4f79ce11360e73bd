// Checking a password is the database's job (app_hidden.authenticate): it
// returns the claims, or null for wrong credentials, after recording the failure
// for throttling. The caller must commit that record before answering, so the
// "wrong credentials" error is raised here, outside the transaction.
import { AppError, appError } from "../errors.ts";
import type { Claims } from "./jwt.ts";
import type { Identity } from "./pg-settings.ts";

export const AUTHENTICATE_SQL = "select user_id, role from app_hidden.authenticate($1, $2)";

export interface AuthenticateRow {
  user_id: number | null;
  role: Claims["role"] | null;
}

export function claimsOrInvalid(row: AuthenticateRow | undefined): Identity {
  if (!row || row.user_id === null || row.role === null) {
    throw appError("INVALID_CREDENTIALS");
  }
  return { user_id: row.user_id, role: row.role };
}
