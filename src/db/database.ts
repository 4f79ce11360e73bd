// Which PostgreSQL we run on: DATABASE_URL when set, else the embedded default.
// Either way the schema is migrated before anything serves, and the API gets
// the authenticator connection it will switch roles from.
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { startEmbeddedPostgres } from "./embedded.ts";
import { authenticatorUrl, migrateDatabase, setAuthenticatorPassword } from "./migrate.ts";
import { withCredentialsOf } from "./poolers.ts";
import { localSecrets } from "./secrets.ts";
import { applyThrottleRules } from "./throttle-rules.ts";

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
  config: Config,
  log: Logger,
  /** shareEmbedded: use the embedded PostgreSQL a running `npm start` owns (create-admin). */
  options: { shareEmbedded?: boolean } = {},
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

  await migrateDatabase(ownerUrl, log);
  await applyThrottleRules(ownerUrl, config);
  if (authenticatorPassword && !config.AUTH_DATABASE_URL) {
    await setAuthenticatorPassword(ownerUrl, authenticatorPassword);
  }
  const authUrl = config.AUTH_DATABASE_URL ?? authenticatorUrl(config.DATABASE_URL ?? ownerUrl, authenticatorPassword);
  const listenUrl = config.DATABASE_DIRECT_URL ? withCredentialsOf(authUrl, config.DATABASE_DIRECT_URL) : authUrl;
  return { ownerUrl, authUrl, listenUrl, embedded: !config.DATABASE_URL, stop };
}
