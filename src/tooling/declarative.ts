// db/schema/: the current definition of every object, one file per concern, and
// the proof that it is what the committed migrations build.
//
//   db/schema/all.sql   the files in load order (`\ir booking.sql`, …): `psql -f db/schema/all.sql` builds a database
//   committed/          what graphile-migrate applies, generated from changes to db/schema/ (schema-diff.ts)
//
// Both are built into scratch databases on one server and their catalogs compared
// (catalog.ts): every difference is reported by the object's name.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createTwoFilesPatch } from "diff";
import pg from "pg";
import type { Logger } from "../log.ts";
import { compareCatalogs, readCatalogAt, type Difference } from "./catalog.ts";
import { createDatabase, dropDatabase, withDatabase } from "./databases.ts";
import { installWorkerSchema, migrateDatabase, MIGRATIONS_FOLDER } from "../db/migrate.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SCHEMA_DIR = join(ROOT, "db", "schema");
export const CURRENT_DIR = join(MIGRATIONS_FOLDER, "current");
/** current/ files numbered below this run before the generated diff, those above after it. */
export const GENERATED_NUMBER = 100;
export const GENERATED_FILE = join(CURRENT_DIR, `${GENERATED_NUMBER}-generated.sql`);

export const LABELS = { chain: "committed migrations", files: "db/schema" } as const;

/** A statement of db/schema/ (or current/) that PostgreSQL refused, with where it is. */
export class SqlFileError extends Error {}

/** The concern files in the order db/schema/all.sql includes them. */
export function schemaFiles(dir = SCHEMA_DIR): string[] {
  const text = readFileSync(join(dir, "all.sql"), "utf8");
  return [...text.matchAll(/^\\ir\s+(\S+)\s*$/gm)].map((match) => join(dir, match[1]!));
}

/** The files of current/ in graphile-migrate's order: those before the generated one, it (if written), those after. */
export function currentFiles(dir = CURRENT_DIR): { before: string[]; generated: string[]; after: string[] } {
  const files = readdirSync(dir)
    .map((name) => ({ path: join(dir, name), number: Number(/^(\d+)(-[-\w]*)?\.sql$/.exec(name)?.[1]) }))
    .filter((file) => Number.isInteger(file.number))
    .sort((a, b) => a.number - b.number);
  const paths = (keep: (number: number) => boolean) => files.filter((file) => keep(file.number)).map((file) => file.path);
  return {
    before: paths((number) => number < GENERATED_NUMBER),
    generated: paths((number) => number === GENERATED_NUMBER),
    after: paths((number) => number > GENERATED_NUMBER),
  };
}

/** Run SQL files in one transaction; a refusal names the file and the line. */
export async function runSqlFiles(url: string, files: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let file = "";
  let text = "";
  try {
    await client.query("begin");
    for (file of files) {
      text = readFileSync(file, "utf8");
      if (text.trim()) await client.query(text);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    const { message, position, where } = error as { message: string; position?: string; where?: string };
    const line = position ? `:${text.slice(0, Number(position)).split("\n").length}` : "";
    throw new SqlFileError(`${relative(ROOT, file)}${line}: ${message}${where ? ` (${where.split("\n")[0]})` : ""}`, { cause: error });
  } finally {
    await client.end();
  }
}

/** A database built from db/schema/ (graphile-worker's schema first, as a migrated one has it). */
export async function buildFromFiles(adminUrl: string, name: string, log: Logger, dir = SCHEMA_DIR): Promise<string> {
  const url = withDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  await installWorkerSchema(url, log);
  await runSqlFiles(url, schemaFiles(dir));
  return url;
}

/** A database built by graphile-migrate from committed/, then the given current/ files. */
export async function buildFromMigrations(adminUrl: string, name: string, log: Logger, extra: string[] = []): Promise<string> {
  const url = withDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  await migrateDatabase(url, log);
  await runSqlFiles(url, extra);
  return url;
}

/** Scratch databases on the server of `adminUrl`, dropped by `drop()` whatever happened. */
export function scratchDatabases(adminUrl: string, purpose: string) {
  const names: string[] = [];
  const tag = randomBytes(4).toString("hex");
  return {
    name(role: string) {
      const name = `ticketing_${purpose}_${tag}_${role}`;
      names.push(name);
      return name;
    },
    async drop() {
      await Promise.all(names.map((name) => dropDatabase(adminUrl, name)));
    },
  };
}

/**
 * Build both (committed/ from scratch, then the `current` files, or by cloning
 * `chainTemplate`, a database migrated to the same committed/) and compare: the
 * differences, chain on the left.
 */
export async function compareWithChain(
  adminUrl: string,
  log: Logger,
  options: { chainTemplate?: string; current?: string[] } = {},
): Promise<Difference[]> {
  const scratch = scratchDatabases(adminUrl, "compare");
  try {
    const chainName = scratch.name("chain");
    const [chainUrl, filesUrl] = await Promise.all([
      options.chainTemplate
        ? createDatabase(adminUrl, chainName, options.chainTemplate).then(() => withDatabase(adminUrl, chainName))
        : buildFromMigrations(adminUrl, chainName, log, options.current),
      buildFromFiles(adminUrl, scratch.name("files"), log),
    ]);
    const [chain, files] = await Promise.all([readCatalogAt(chainUrl), readCatalogAt(filesUrl)]);
    return compareCatalogs(chain, files);
  } finally {
    await scratch.drop();
  }
}

/** One paragraph per object: what differs, and a diff of the two values (chain → files). */
export function formatDifferences(differences: Difference[], labels: { left: string; right: string } = { left: LABELS.chain, right: LABELS.files }): string {
  return differences
    .map(({ object, aspect, left, right }) => {
      if (left === undefined) return `${object}: only in ${labels.right}\n${indent(right!)}`;
      if (right === undefined) return `${object}: only in ${labels.left}\n${indent(left)}`;
      const patch = createTwoFilesPatch(labels.left, labels.right, `${left}\n`, `${right}\n`, undefined, undefined, { context: 2 });
      return `${object}: ${aspect} differs\n${indent(patch.split("\n").slice(1).join("\n").trimEnd())}`;
    })
    .join("\n\n");
}

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}
