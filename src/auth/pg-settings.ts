// Where a request gets its database role: verified claims → the settings the
// transaction runs with. RLS policies and grants in db/ read these.
import type { Claims } from "./jwt.ts";

export type PgSettings = Record<string, string>;

export const ROLE_PREFIX = "ticketing_";

export function pgSettingsFor(claims: Claims | null): PgSettings {
  if (!claims) return { role: `${ROLE_PREFIX}anonymous` };
  return {
    role: `${ROLE_PREFIX}${claims.role}`,
    "jwt.claims.user_id": String(claims.user_id),
    "jwt.claims.role": claims.role,
  };
}

/** 'anonymous' | 'student' | 'admin' from settings, for error messages. */
export function appRoleOf(settings: PgSettings | undefined): string {
  return settings?.role?.slice(ROLE_PREFIX.length) ?? "anonymous";
}
