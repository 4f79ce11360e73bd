// The identity rules' settings live in the database (app_private.auth_settings,
// one row), read by the SQL functions that apply them, so every instance and the
// worker follow one set. Written from the environment wherever the migrations
// run (npm start with MIGRATE_ON_START, or npm run migrate).
import pg from "pg";

/** As src/config.ts reads them from the environment. */
export interface AuthSettings {
  MAX_SESSIONS_PER_USER: number;
  ALLOWED_EMAIL_DOMAINS: string[];
  REQUIRE_EMAIL_VERIFICATION: boolean;
  PUBLIC_URL: string;
}

export async function applyAuthSettings(ownerUrl: string, config: AuthSettings) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `update app_private.auth_settings set max_sessions_per_user = $1, allowed_email_domains = $2,
         require_email_verification = $3, public_url = $4`,
      [config.MAX_SESSIONS_PER_USER, config.ALLOWED_EMAIL_DOMAINS, config.REQUIRE_EMAIL_VERIFICATION, config.PUBLIC_URL],
    );
  } finally {
    await client.end();
  }
}
