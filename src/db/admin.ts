// Admin accounts are never self-service: they come from this bootstrap
// (`npm run create-admin`, or ADMIN_EMAIL/ADMIN_PASSWORD at start).
import pg from "pg";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";

/** The admin named by ADMIN_EMAIL/ADMIN_PASSWORD, if both are set (at start, and by `npm run migrate`). */
export async function ensureConfiguredAdmin(config: Config, ownerUrl: string, log: Logger): Promise<void> {
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
    const { rowCount } = await client.query("select 1 from app_public.users where email = $1", [admin.email]);
    if (rowCount) return "exists";
    await client.query("select app_private.create_admin($1, $2, $3)", [admin.name, admin.email, admin.password]);
    return "created";
  } finally {
    await client.end();
  }
}
