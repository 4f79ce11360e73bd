// Where the tests' PostgreSQL comes from, in order:
//   1. TEST_DATABASE_URL or DATABASE_URL (any database on the server; we create our own)
//   2. testcontainers, when a Docker engine is available
//   3. the server's embedded PostgreSQL, under .data/test on its own port
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { withDatabase } from "../../src/tooling/databases.ts";
import { runningPostgres, startEmbeddedPostgres } from "../../src/db/embedded.ts";
import { migrateDatabase, MIGRATIONS_FOLDER, setAuthenticatorPassword } from "../../src/db/migrate.ts";
import { log } from "../../src/log.ts";

export interface TestPostgres {
  /** Superuser URL to the server's maintenance database. */
  adminUrl: string;
  /** Set when the server checks passwords (containers, embedded): the API role logs in with it. */
  authenticatorPassword?: string;
  stop(): Promise<void>;
}

async function fromTestcontainers(): Promise<TestPostgres | undefined> {
  try {
    const { GenericContainer, Wait } = await import("testcontainers");
    const container = await new GenericContainer("postgres:15-alpine")
      .withEnvironment({ POSTGRES_PASSWORD: "postgres" })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    const adminUrl = `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
    return { adminUrl, authenticatorPassword: "authenticator-test", stop: async () => void (await container.stop()) };
  } catch {
    return undefined; // no Docker engine here
  }
}

async function fromEmbedded(): Promise<TestPostgres> {
  // The server's own embedded PostgreSQL (src/db/embedded.ts), with throwaway data under .data/test.
  const dataDir = join(process.cwd(), ".data", "test");
  // A run that was killed may have left data behind (a server it left running is adopted instead).
  if (!runningPostgres(join(dataDir, "pg"))) rmSync(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 5434),
    password: "postgres",
    log: log.child({}, { level: "warn" }),
  });
  return {
    adminUrl: withDatabase(server.url, "postgres"),
    authenticatorPassword: "authenticator-test",
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (url) return { adminUrl: url, authenticatorPassword: process.env.TEST_AUTHENTICATOR_PASSWORD, stop: async () => {} };
  return (await fromTestcontainers()) ?? (await fromEmbedded());
}

/** Migrate a template database once per migration set; test databases are cloned from it. */
export async function prepareTemplate(adminUrl: string, authenticatorPassword?: string): Promise<string> {
  const hash = createHash("sha1");
  const committed = join(MIGRATIONS_FOLDER, "committed");
  for (const file of readdirSync(committed).sort()) hash.update(readFileSync(join(committed, file)));
  const template = `ticketing_template_${hash.digest("hex").slice(0, 12)}`;

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (rowCount) return template;
    const building = `${template}_building_${process.pid}`;
    await admin.query(`create database ${building}`);
    await migrateDatabase(withDatabase(adminUrl, building), log.child({}, { level: "warn" }));
    if (authenticatorPassword) await setAuthenticatorPassword(withDatabase(adminUrl, building), authenticatorPassword);
    // Publish the finished template under its final name in one step.
    await admin.query(`alter database ${building} rename to ${template}`).catch(async () => {
      await admin.query(`drop database if exists ${building}`);
    });
    return template;
  } finally {
    await admin.end();
  }
}
