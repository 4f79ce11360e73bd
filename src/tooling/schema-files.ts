// The committed schema files, so every change to the database or the API shows
// up in review:
//   db/schema.sql    pg_dump --schema-only of our schemas (tables, functions, policies, grants)
//   schema.graphql   the GraphQL SDL PostGraphile builds from it, sorted
//   src/generated/vocabulary.ts   its enums, error catalogue and field bounds, for TypeScript (vocabulary.ts)
//
//   npm run schema:update   all three, from a throwaway database built from db/migrations/committed
//   npm run db:dump         db/schema.sql only        npm run schema:export   schema.graphql only
//   npm run schema:check    regenerate into a temporary directory; exit 1 naming each stale file
//
// graphile-migrate writes them: the throwaway database is its shadow database,
// and .gmrc's afterAllMigrations action runs `node src/tooling/schema-files.ts
// from-action` against it (as it does after `graphile-migrate commit`).
import "../graphile-env.ts";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Logger, migrate } from "graphile-migrate";
import { getSettings } from "graphile-migrate/dist/commands/_common.js";
import { clearAllPools } from "graphile-migrate/dist/pgReal.js";
import pg from "pg";
import { exportSchemaSdl } from "../graphql/schema-sdl.ts";
import { log } from "../log.ts";
import { compareCatalogs, readCatalogAt, type Difference } from "./catalog.ts";
import { createDatabase, dropDatabase, withDatabase } from "./databases.ts";
import { installWorkerSchema, MIGRATIONS_FOLDER } from "../db/migrate.ts";
import { vocabularySource } from "./vocabulary.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SCHEMA_FILES = {
  sql: { file: "db/schema.sql", refresh: "npm run db:dump" },
  graphql: { file: "schema.graphql", refresh: "npm run schema:export" },
  vocabulary: { file: "src/generated/vocabulary.ts", refresh: "npm run schema:update" },
} as const;
const KINDS = Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[];
type Kind = keyof typeof SCHEMA_FILES;

const PG_DUMP = process.env.PG_DUMP ?? "pg_dump";

/** The major version of pg_dump here: each major prints a little differently (the first line of db/schema.sql says which). */
export async function pgDumpMajor(): Promise<number> {
  const { stdout } = await promisify(execFile)(PG_DUMP, ["--version"]);
  return Number(stdout.match(/(\d+)\.\d+/)?.[1]);
}

/** Our schemas as pg_dump prints them, without what changes from run to run. */
export async function dumpDatabaseSchema(databaseUrl: string): Promise<string> {
  const header = `-- Written by \`npm run db:dump\` with pg_dump ${await pgDumpMajor()} from db/migrations/committed: do not edit.\n`;
  const { stdout } = await promisify(execFile)(
    PG_DUMP,
    [
      "--schema-only",
      "--no-owner", // owners differ between installations; grants are what a reviewer reads
      "--exclude-schema=graphile_migrate", // migration bookkeeping
      "--exclude-schema=graphile_worker", // the job queue's own schema, installed by graphile-worker
      `--dbname=${databaseUrl}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return (
    header +
    stdout
      .split("\n")
      // Server and pg_dump versions, and the random key of pg_dump's \restrict guard (15.14+).
      .filter((line) => !/^-- Dumped (from database|by pg_dump) version /.test(line) && !/^\\(un)?restrict /.test(line))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
  );
}

/** The GraphQL SDL, introspected as the API's role as the server does. */
export async function graphqlSchemaSdl(databaseUrl: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ticketing-sdl-"));
  // Connected as the owner, working as the authenticator role the server logs in as.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: "-c role=ticketing_authenticator" });
  pool.on("error", () => {}); // a short-lived tool: a failure surfaces through the query that needed it
  try {
    await exportSchemaSdl(pool, join(dir, "schema.graphql"), log.child({}, { level: "warn" }));
    return readFileSync(join(dir, "schema.graphql"), "utf8");
  } finally {
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What differs between the database at `migratedUrl` and a schema dump (db/schema.sql)
 * loaded into a scratch database on the same server (`adminUrl`), object by object.
 * No pg_dump needed, so it runs on any server (the embedded PostgreSQL 18 beside a pg_dump 15 too).
 */
export async function differencesFromDump(adminUrl: string, dump: string, migratedUrl: string): Promise<Difference[]> {
  const name = `ticketing_dump_${randomBytes(6).toString("hex")}`;
  await createDatabase(adminUrl, name);
  try {
    const client = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
    await client.connect();
    try {
      await client.query(dump);
    } catch (error) {
      throw new Error(`loading the dump failed: ${(error as Error).message}`, { cause: error });
    } finally {
      await client.end();
    }
    // The dump is --no-owner and --schema-only: neither side's owners nor rows are compared.
    const options = { owners: false, rows: false };
    const [migrated, dumped] = await Promise.all([readCatalogAt(migratedUrl, options), readCatalogAt(withDatabase(adminUrl, name), options)]);
    return compareCatalogs(migrated, dumped);
  } finally {
    await dropDatabase(adminUrl, name);
  }
}

async function writeFiles(databaseUrl: string, kinds: Kind[], dir: string) {
  for (const kind of kinds) {
    const text =
      kind === "sql" ? await dumpDatabaseSchema(databaseUrl) : kind === "graphql" ? await graphqlSchemaSdl(databaseUrl) : await vocabularySource(databaseUrl);
    mkdirSync(dirname(join(dir, SCHEMA_FILES[kind].file)), { recursive: true });
    writeFileSync(join(dir, SCHEMA_FILES[kind].file), text);
  }
}

/** Build a throwaway database from the committed migrations; .gmrc's action writes the files into `dir`. */
async function regenerate(kinds: Kind[], dir: string) {
  const adminUrl = process.env.ROOT_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `ticketing_schema_files_${randomBytes(4).toString("hex")}`;
  const shadowUrl = withDatabase(adminUrl, name);
  try {
    await createDatabase(adminUrl, name);
  } catch (error) {
    throw new Error(
      `Cannot create a throwaway database through ${new URL(adminUrl).host} (${(error as Error).message}); ` +
        "set ROOT_DATABASE_URL to a superuser connection of a PostgreSQL 15 server.",
      { cause: error },
    );
  }
  try {
    await installWorkerSchema(shadowUrl, log.child({}, { level: "warn" }));
    process.env.SCHEMA_FILES = kinds.join(",");
    process.env.SCHEMA_FILES_DIR = dir;
    const settings = await getSettings({ configFile: join(ROOT, ".gmrc") });
    await migrate(
      {
        ...settings,
        migrationsFolder: MIGRATIONS_FOLDER,
        // Only the shadow database is migrated; graphile-migrate wants a distinct main database named.
        connectionString: withDatabase(adminUrl, `${name}_unused`),
        rootConnectionString: adminUrl,
        shadowConnectionString: shadowUrl,
        logger: new Logger(() => (level, message) => (level === "error" ? log.error(message) : log.debug(message))),
      },
      true, // shadow: the afterAllMigrations action runs for the shadow database
      true, // run the actions even if nothing was migrated
    );
  } finally {
    clearAllPools(); // graphile-migrate keeps its connection a moment for reuse: close it before the drop
    await dropDatabase(adminUrl, name);
  }
}

async function main(command: string | undefined, which: string | undefined) {
  const kinds: Kind[] = KINDS.includes(which as Kind) ? [which as Kind] : KINDS;
  if (command === "from-action") {
    // Run by graphile-migrate with GM_DBURL set to the freshly migrated (shadow) database.
    const databaseUrl = process.env.GM_DBURL;
    if (!databaseUrl) throw new Error("from-action runs as graphile-migrate's afterAllMigrations action (GM_DBURL unset).");
    const wanted = (process.env.SCHEMA_FILES?.split(",") ?? kinds) as Kind[];
    await writeFiles(databaseUrl, wanted, process.env.SCHEMA_FILES_DIR ?? ROOT);
  } else if (command === "update") {
    await regenerate(kinds, ROOT);
    for (const kind of kinds) console.log(`wrote ${SCHEMA_FILES[kind].file}`);
  } else if (command === "check") {
    const dir = mkdtempSync(join(tmpdir(), "ticketing-schema-files-"));
    mkdirSync(join(dir, "db"));
    try {
      await regenerate(kinds, dir);
      const stale = kinds.filter((kind) => {
        const committed = join(ROOT, SCHEMA_FILES[kind].file);
        return !existsSync(committed) || readFileSync(committed, "utf8") !== readFileSync(join(dir, SCHEMA_FILES[kind].file), "utf8");
      });
      for (const kind of stale) {
        console.error(`${SCHEMA_FILES[kind].file} is stale: run \`${SCHEMA_FILES[kind].refresh}\` (or \`npm run schema:update\` for all) and commit it.`);
      }
      if (stale.length === 0) console.log(`${kinds.map((kind) => SCHEMA_FILES[kind].file).join(" and ")} up to date`);
      process.exitCode = stale.length ? 1 : 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    throw new Error("usage: node src/tooling/schema-files.ts update|check [sql|graphql|vocabulary]  (from-action: for .gmrc)");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2], process.argv[3]).catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
