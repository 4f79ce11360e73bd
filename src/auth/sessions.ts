// Signing in ends in a session: once the user has proved who they are (a
// password, a new account, the identity provider), the database starts a
// session as that user (app_hidden.start_session) and the server signs a
// token naming it, which expires with it. REST and GraphQL both come here.
import type { Claims, JwtSettings } from "./jwt.ts";
import { signToken } from "./jwt.ts";
import { pgSettingsFor, type Identity } from "./pg-settings.ts";

/** The part of a pg client (node-postgres or PostGraphile's) this needs. */
export interface Queryable {
  query<R>(query: { text: string; values?: unknown[] }): Promise<{ rows: readonly R[] }>;
}

const START_SESSION_SQL = "select session_id, expires_at from app_hidden.start_session($1, $2)";

/** Switch the rest of this transaction to `who` (settings local to the transaction, as PostGraphile sets them). */
export async function actAs(client: Queryable, who: Identity & { session_id?: number }) {
  for (const [name, value] of Object.entries(pgSettingsFor(who))) {
    await client.query({ text: "select set_config($1, $2, true)", values: [name, value] });
  }
}

/** In the caller's transaction: a new session for `who`, and its token. The transaction acts as `who` afterwards. */
export async function startSession(
  client: Queryable,
  who: Identity,
  userAgent: unknown,
  jwt: JwtSettings,
): Promise<{ token: string; claims: Claims }> {
  await actAs(client, who);
  const { rows } = await client.query<{ session_id: number; expires_at: Date }>({
    text: START_SESSION_SQL,
    values: [typeof userAgent === "string" ? userAgent.slice(0, 300) : null, jwt.ttlSeconds],
  });
  const claims: Claims = { user_id: who.user_id, role: who.role, session_id: rows[0]!.session_id };
  await actAs(client, claims);
  return { token: signToken(claims, jwt, rows[0]!.expires_at), claims };
}
