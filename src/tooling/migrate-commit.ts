// `npm run migrate:commit -- --message "…"`: graphile-migrate commits
// db/migrations/current/ as the next committed migration: it runs it on a
// fresh shadow database after every committed one (and .gmrc's action rewrites
// db/schema.sql and schema.graphql from that database), writes
// committed/0000NN-<message>.sql, and migrates the development database.
//
// Before that, three checks a bare `graphile-migrate commit` would answer with a
// stack trace or not at all: a message is given, db/migrate.env names the
// databases and the development one exists, and current/ brings the committed
// migrations to db/schema/ (otherwise CI's comparison would fail the commit later).
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseEnv } from "node:util";
import { commit } from "graphile-migrate";
import { getSettings } from "graphile-migrate/dist/commands/_common.js";
import { clearAllPools } from "graphile-migrate/dist/pgReal.js";
import pg from "pg";
import type { Logger } from "../log.ts";
import { compareWithChain, currentFiles, formatDifferences, ROOT } from "./declarative.ts";
import { installWorkerSchema } from "../db/migrate.ts";

export const MIGRATE_ENV = join(ROOT, "db", "migrate.env");
const URLS = ["DATABASE_URL", "SHADOW_DATABASE_URL", "ROOT_DATABASE_URL"] as const;

/**
 * The databases the DBA's commands use, from db/migrate.env: these commands only,
 * so nothing exported in a shell redirects a later `npm start`, and nothing
 * exported for `npm start` redirects them. Null when the file is missing.
 */
export function migrateEnv(): Record<(typeof URLS)[number], string | undefined> | null {
  if (!existsSync(MIGRATE_ENV)) return null;
  const env = parseEnv(readFileSync(MIGRATE_ENV, "utf8"));
  return Object.fromEntries(URLS.map((name) => [name, env[name] || undefined])) as Record<(typeof URLS)[number], string | undefined>;
}

export async function commitCurrent(message: string | undefined, log: Logger): Promise<number> {
  if (!message?.trim()) {
    console.error('Name the migration: npm run migrate:commit -- --message "Booking: what changed and why"');
    return 2;
  }
  const env = migrateEnv();
  const missing = env ? URLS.filter((name) => !env[name]) : URLS;
  if (!env || missing.length) {
    console.error(
      `${relative(ROOT, MIGRATE_ENV)} ${env ? `lacks ${missing.join(", ")}` : "is missing"}: ` +
        "copy db/migrate.env.example to db/migrate.env and name your databases there (db/README.md).",
    );
    return 1;
  }
  for (const name of URLS) process.env[name] = env[name];
  const databaseUrl = env.DATABASE_URL!;
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    const database = new URL(databaseUrl).pathname.slice(1);
    const reason = (error as { code?: string }).code === "3D000" ? `database "${database}" does not exist: createdb it first (db/README.md)` : (error as Error).message;
    console.error(`DATABASE_URL in ${relative(ROOT, MIGRATE_ENV)}: ${reason}.`);
    return 1;
  } finally {
    await client.end().catch(() => {});
  }

  const { before, generated, after } = currentFiles();
  const differences = await compareWithChain(env.ROOT_DATABASE_URL!, log, { current: [...before, ...generated, ...after] });
  if (differences.length) {
    console.error(
      `db/migrations/current/ does not bring the committed migrations to db/schema ("-" with current/, "+" db/schema):\n\n` +
        `${formatDifferences(differences, { left: "committed + current", right: "db/schema" })}\n\nRun \`npm run db:diff\` and review it again.`,
    );
    return 1;
  }
  try {
    await installWorkerSchema(databaseUrl, log); // the development database runs what `npm run migrate` sets up first
    await commit(await getSettings({ configFile: join(ROOT, ".gmrc") }), message.trim());
  } finally {
    clearAllPools();
  }
  return 0;
}
