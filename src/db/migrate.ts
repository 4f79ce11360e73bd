// Committed migrations only, as `graphile-migrate migrate` runs them.
import { Logger, migrate } from "graphile-migrate";
// Not in graphile-migrate's index, but its own module (the package has no exports map).
import { clearAllPools } from "graphile-migrate/dist/pgReal.js";
import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from "graphile-worker";
import pg from "pg";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger as AppLogger } from "../log.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** Two-key advisory lock space, apart from graphile-migrate's and graphile-worker's single-key locks. */
const MIGRATION_LOCK = [0x7469636b, 1]; // "tick", 1

export async function migrateDatabase(ownerUrl: string, log: AppLogger): Promise<void> {
  const logger = new Logger(() => (level, message) => {
    if (level === "error") log.error({ migrate: message });
    else log.info({ migrate: message });
  });
  // Instances starting together queue on one advisory lock: graphile-migrate's
  // own lock is a try-lock that fails the loser with a bare message (no code),
  // so the winner migrates alone and the others then find nothing to do.
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on("error", (error) => log.warn({ err: error.message }, "migration lock connection failed"));
  await client.connect();
  try {
    // Bounded wait: a stuck migration elsewhere fails this start with lock_timeout (55P03).
    await client.query("set lock_timeout = '2min'");
    await client.query("select pg_advisory_lock($1, $2)", MIGRATION_LOCK);
    // graphile-worker's own schema first: our SQL queues jobs with graphile_worker.add_job.
    await installWorkerSchema(ownerUrl, log);
    await migrate({ connectionString: ownerUrl, migrationsFolder: MIGRATIONS_FOLDER, logger });
    // graphile-migrate keeps its pool 200 ms after use, and that pool's error
    // handler calls process.exit(1): a connection dropped in that window ended
    // a server that had just started. End the pool now.
    clearAllPools();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

export async function installWorkerSchema(ownerUrl: string, log: AppLogger): Promise<void> {
  await runWorkerMigrations({
    connectionString: ownerUrl,
    logger: new WorkerLogger(() => (level, message) => {
      if (level === "error") log.error({ worker: message });
      else log.debug({ worker: message });
    }),
  });
}

/** Give the authenticator role the password the API will log in with. */
export async function setAuthenticatorPassword(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`alter role ticketing_authenticator password ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL with the user switched to the authenticator role. */
export function authenticatorUrl(ownerUrl: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = "ticketing_authenticator";
  url.password = password ? encodeURIComponent(password) : "";
  return url.toString();
}

export class MigrationsPendingError extends Error {
  readonly pending: string[];
  constructor(pending: string[]) {
    super(
      `The database is behind this code: ${pending.length} committed migration(s) not run (${pending.join(", ")}). ` +
        "MIGRATE_ON_START=false, so this instance does not run them: run `npm run migrate` once " +
        "(the compose file's migrate service), or start with MIGRATE_ON_START=true.",
    );
    this.pending = pending;
  }
}

/**
 * With MIGRATE_ON_START=false: is the database at this code's migrations? Read
 * only (graphile-migrate's own status() would create its schema). Committed
 * files sort by name, and graphile-migrate records each by its file name.
 * graphile-migrate records a committed file by its number ("000011.sql" for
 * 000011-some-message.sql), as it orders them.
 * Behind: refused, rather than serving on a schema the code does not match.
 * Ahead (a newer release migrated while this one still runs, as in a rolling
 * deploy): returned, for the caller to warn about; migrations are additive.
 */
export async function checkMigrated(ownerUrl: string): Promise<{ ahead: string[] }> {
  const recordOf = (file: string) => `${/^\d+/.exec(file)?.[0]}.sql`;
  const files = (await readdir(join(MIGRATIONS_FOLDER, "committed"))).filter((name) => /^\d+.*\.sql$/.test(name)).sort();
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: [table] } = await client.query<{ exists: boolean }>(
      "select to_regclass('graphile_migrate.migrations') is not null as exists",
    );
    const applied = table?.exists
      ? (await client.query<{ filename: string }>("select filename from graphile_migrate.migrations")).rows.map((row) => row.filename)
      : [];
    const done = new Set(applied);
    const pending = files.filter((file) => !done.has(recordOf(file)));
    if (pending.length > 0) throw new MigrationsPendingError(pending);
    const known = new Set(files.map(recordOf));
    return { ahead: applied.filter((record) => !known.has(record)).sort() };
  } finally {
    await client.end();
  }
}
