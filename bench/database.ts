// The bench's own database, always a fresh scratch one (ticketing_bench_<random>)
// so figures never depend on leftovers, dropped at the end:
//   * DATABASE_URL set: created on that server (it must let us create databases);
//   * else: on an embedded PostgreSQL booted exactly as `npm start` boots its own
//     (openDatabase from src/db/database.ts), but with its own data directory and
//     port, so the bench never touches `npm start`'s .data/pg.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { createDatabase, dropDatabase, withDatabase } from "../src/tooling/databases.ts";
import { openDatabase } from "../src/db/database.ts";
import { authenticatorUrl, migrateDatabase } from "../src/db/migrate.ts";
import { localSecrets } from "../src/db/secrets.ts";
import { log } from "../src/log.ts";
import type { BenchOptions } from "./options.ts";

export interface BenchDatabase {
  name: string;
  /** Owner of the scratch database: fixtures, truth checks, pgbench. */
  ownerUrl: string;
  /** What the API servers log in as (ticketing_authenticator). */
  authUrl: string;
  embedded: boolean;
  postgresVersion: string;
  owner: pg.Pool;
  close(): Promise<void>;
}

const quiet = log.child({}, { level: "warn" });

export async function openBenchDatabase(options: BenchOptions): Promise<BenchDatabase> {
  let adminUrl = options.databaseUrl;
  let authenticatorPassword = options.authenticatorPassword;
  let stopServer = async () => {};
  if (!adminUrl) {
    const config = loadConfig({
      DATA_DIR: options.embeddedDataDir,
      EMBEDDED_PG_PORT: String(options.embeddedPort),
      LOG_LEVEL: "warn",
    });
    const embedded = await openDatabase(config, quiet);
    adminUrl = withDatabase(embedded.ownerUrl, "postgres");
    authenticatorPassword = localSecrets(config.DATA_DIR).authenticatorPassword;
    stopServer = embedded.stop;
  }
  assertLoopback(adminUrl);

  const name = `ticketing_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let postgresVersion: string;
  try {
    postgresVersion = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    await createDatabase(adminUrl, name, options.templateDatabase);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(adminUrl, name);
  if (!options.templateDatabase) await migrateDatabase(ownerUrl, quiet);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  // A client still closing when the database is dropped (WITH FORCE) hears a late 57P01:
  // no failure, and an unheard pool error would end the run.
  owner.on("error", () => {});

  return {
    name,
    ownerUrl,
    authUrl: authenticatorUrl(ownerUrl, authenticatorPassword),
    embedded: !options.databaseUrl,
    postgresVersion,
    owner,
    async close() {
      await owner.end();
      await dropDatabase(adminUrl, name);
      await stopServer();
    },
  };
}

/** All bench traffic stays on this machine. */
export function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) {
    throw new Error(`the bench only talks to 127.0.0.1; ${host} is not local`);
  }
}
