// Which PostgreSQL we run on: DATABASE_URL when set, else the embedded default.
// Either way the schema is migrated before anything serves, and the API gets
// the authenticator connection it will switch roles from.
import type { Logger } from "../log.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { authenticatorUrl, checkMigrated, migrateDatabase, setAuthenticatorPassword } from "./migrate.ts";
import { withCredentialsOf } from "./poolers.ts";
import { localSecrets } from "./secrets.ts";
import { applyAuthSettings, type AuthSettings } from "./auth-settings.ts";
import { applyThrottleRules, type ThrottleSettings } from "./throttle-rules.ts";

/** What src/config.ts reads from the environment about the database. */
export interface DatabaseSettings extends AuthSettings, ThrottleSettings {
  DATABASE_URL?: string;
  DATABASE_DIRECT_URL?: string;
  AUTH_DATABASE_URL?: string;
  AUTHENTICATOR_PASSWORD?: string;
  DATA_DIR: string;
  EMBEDDED_PG_PORT: number;
  MIGRATE_ON_START: boolean;
}

export interface Database {
  /** Owner connection: migrations, the worker, admin bootstrap. */
  ownerUrl: string;
  /** Authenticator connection: every API request, switched to the caller's role (may be a transaction pooler). */
  authUrl: string;
  /** Authenticator on the direct connection (DATABASE_DIRECT_URL): the availability LISTEN. */
  listenUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function openDatabase(
  config: DatabaseSettings,
  log: Logger,
  /** shareEmbedded: use the embedded PostgreSQL a running `npm start` owns (create-admin). */
  options: {
    shareEmbedded?: boolean;
    /** Run migrations (default: MIGRATE_ON_START); otherwise refuse a database behind the code. */
    migrate?: boolean;
  } = {},
): Promise<Database> {
  // Migrations, the worker and admin bootstrap need a session of their own:
  // DATABASE_DIRECT_URL when DATABASE_URL is a transaction pooler (src/db/poolers.ts).
  let ownerUrl = config.DATABASE_DIRECT_URL ?? config.DATABASE_URL;
  let authenticatorPassword = config.AUTHENTICATOR_PASSWORD;
  let stop = async () => {};
  if (!ownerUrl) {
    const secrets = localSecrets(config.DATA_DIR);
    const embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      password: secrets.postgresPassword,
      log,
      shareRunning: options.shareEmbedded,
    });
    ownerUrl = embedded.url;
    authenticatorPassword = secrets.authenticatorPassword;
    stop = embedded.stop;
  }

  if (options.migrate ?? config.MIGRATE_ON_START) {
    await migrateDatabase(ownerUrl, log);
    await applyThrottleRules(ownerUrl, config);
    await applyAuthSettings(ownerUrl, config);
    if (authenticatorPassword && !config.AUTH_DATABASE_URL) {
      await setAuthenticatorPassword(ownerUrl, authenticatorPassword);
    }
  } else {
    // Migrations, throttle rules, identity settings and the authenticator's password are the migrate
    // command's (src/cli/migrate.ts), run once per deploy: instances only check.
    const { ahead } = await checkMigrated(ownerUrl);
    if (ahead.length) log.warn({ ahead }, "the database has migrations this code does not know (a newer release?)");
  }
  const authUrl = config.AUTH_DATABASE_URL ?? authenticatorUrl(config.DATABASE_URL ?? ownerUrl, authenticatorPassword);
  const listenUrl = config.DATABASE_DIRECT_URL ? withCredentialsOf(authUrl, config.DATABASE_DIRECT_URL) : authUrl;
  return { ownerUrl, authUrl, listenUrl, embedded: !config.DATABASE_URL, stop };
}
