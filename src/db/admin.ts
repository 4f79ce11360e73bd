// Admin accounts are never self-service: they come from this bootstrap
// (`npm run create-admin`, or ADMIN_EMAIL/ADMIN_PASSWORD at start and in
// `npm run migrate`). An account that already holds the admin's email but is
// not an admin (a student who signed up with it first) is never taken for the
// admin, nor promoted: the bootstrap refuses, naming the account, and the
// process does not start until an operator decides.
import pg from "pg";
import type { Logger } from "../log.ts";

/** ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME (src/config.ts). */
export interface AdminSettings {
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  ADMIN_NAME: string;
}

/** The admin's email is held by an account that is not an admin. */
export class AdminEmailTakenError extends Error {}

/** The admin named by ADMIN_EMAIL/ADMIN_PASSWORD, if both are set (at start, and by `npm run migrate`). */
export async function ensureConfiguredAdmin(config: AdminSettings, ownerUrl: string, log: Logger): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const outcome = await ensureAdmin(ownerUrl, { name: config.ADMIN_NAME, email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  log.info({ email: config.ADMIN_EMAIL, outcome }, "admin account");
}

export async function ensureAdmin(
  ownerUrl: string,
  admin: { name: string; email: string; password: string },
): Promise<"created" | "exists"> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // As app_private.create_user stores emails: trimmed, compared without case.
    const { rows } = await client.query<{ id: number; role: string; created_at: Date }>(
      "select id, role, created_at from app_public.users where email = lower(btrim($1))::citext",
      [admin.email],
    );
    const existing = rows[0];
    if (existing?.role === "admin") return "exists";
    if (existing) throw taken(admin.email.trim(), `a ${existing.role} account (user ${existing.id}, created ${existing.created_at.toISOString()})`);
    try {
      await client.query("select app_private.create_admin($1, $2, $3)", [admin.name, admin.email, admin.password]);
    } catch (error) {
      // The database's own rules found an account under another spelling of the address.
      if ((error as { detail?: string }).detail === "EMAIL_TAKEN") throw taken(admin.email.trim(), "an account under another spelling of it");
      throw error;
    }
    return "created";
  } finally {
    await client.end();
  }
}

function taken(email: string, holder: string) {
  return new AdminEmailTakenError(
    `The admin email ${email} already belongs to ${holder}, not an admin: someone may have signed up with it first. ` +
      "Nothing was changed. Delete or rename that account, or choose another admin email, then start again.",
  );
}
