// Where a request gets its database role: verified claims → the settings the
// transaction runs with. RLS policies and grants in db/ read these.
import type { Claims } from "./jwt.ts";

export type PgSettings = Record<string, string>;

/** Who a transaction acts as: a session is named once there is one. */
export type Identity = Pick<Claims, "user_id" | "role">;

export const ROLE_PREFIX = "ticketing_";

/**
 * `clientAddress` (the caller's IP, see src/http/client-address.ts) lets the
 * database throttle sign-ins and signups per address as well as per email.
 */
export function pgSettingsFor(claims: (Identity & { session_id?: number }) | null, clientAddress?: string): PgSettings {
  const address: PgSettings = clientAddress ? { "ticketing.client_address": clientAddress } : {};
  if (!claims) return { role: `${ROLE_PREFIX}anonymous`, ...address };
  return {
    role: `${ROLE_PREFIX}${claims.role}`,
    "jwt.claims.user_id": String(claims.user_id),
    "jwt.claims.role": claims.role,
    ...(claims.session_id === undefined ? {} : { "jwt.claims.session_id": String(claims.session_id) }),
    ...address,
  };
}

/** 'anonymous' | 'student' | 'admin' from settings, for error messages. */
export function appRoleOf(settings: PgSettings | undefined): string {
  return settings?.role?.slice(ROLE_PREFIX.length) ?? "anonymous";
}
