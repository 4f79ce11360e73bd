// `npm run db:diff`: the migration that takes a database built by the committed
// migrations to what db/schema/ defines, written to
// db/migrations/current/100-generated.sql for review, then proved: applied to a
// copy of that database, it must leave no difference with db/schema/.
//
// migra (@pgkit/migra, the schema diff Supabase's declarative schemas use)
// writes the structure: tables, columns, constraints, indexes, views,
// functions, triggers, policies, types. It does not diff comments (PostGraphile
// reads its smart tags there) nor the grants of functions, columns and schemas,
// which are this project's security model: those statements are derived here
// from the catalog comparison (catalog.ts), after migra's statements have run,
// so a function migra dropped and re-created gets its grants back.
//
// current/ files numbered below 100 run before the generated one and the diff
// is taken after them (a rename, which a diff can only see as drop + add);
// those above 100 run after it (data). graphile-migrate joins them all when it commits.
import { writeFileSync, rmSync, existsSync } from "node:fs";
import { relative } from "node:path";
import { createClient } from "@pgkit/client";
import { Migration } from "@pgkit/migra";
import pg from "pg";
import type { Logger } from "../log.ts";
import { compareCatalogs, readCatalogAt, type Difference } from "./catalog.ts";
import { createDatabase, withDatabase } from "./databases.ts";
import {
  buildFromFiles,
  buildFromMigrations,
  currentFiles,
  formatDifferences,
  GENERATED_FILE,
  ROOT,
  runSqlFiles,
  scratchDatabases,
} from "./declarative.ts";

const HEADER = `-- Written by \`npm run db:diff\` from db/schema/: review it, do not edit it (change db/schema/ and run
-- it again). Hand-written steps go in a file of their own: below 100 to run before this one, above to run after.
`;

/** migra's statements from one database to the other (our schemas; graphile's own are theirs). */
async function migraSql(fromUrl: string, toUrl: string): Promise<string> {
  const options = { pgpOptions: { initialize: { noWarnings: true } } };
  const [from, to] = [createClient(fromUrl, options), createClient(toUrl, options)];
  try {
    const migration = await Migration.create(from, to, { exclude_schema: ["graphile_migrate", "graphile_worker"] });
    migration.set_safety(false); // a dropped column or function is for the reviewer to see, not a reason to stop
    migration.add_all_changes(false); // privileges: below, for every kind of object
    // migra creates functions before what their bodies name may exist; only for this migration's transaction.
    return migration.sql.trim().replace(/^set check_function_bodies = off;$/m, "set local check_function_bodies = off;");
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}

/** The object as GRANT and COMMENT name it, from a catalog object name (catalog.ts). */
function target(object: string): { grantOn: string; commentOn: string; column?: string } | undefined {
  const column = /^column (.+)\.("(?:[^"]|"")+"|[^."]+)$/.exec(object);
  if (column) return { grantOn: `table ${column[1]}`, commentOn: `column ${column[1]}.${column[2]}`, column: column[2] };
  const [, kind, name] = /^(schema|table|view|materialized view|sequence|function|type|index|constraint|trigger|policy) (.+)$/.exec(object) ?? [];
  if (!kind || !name) return undefined;
  const grantOn = kind === "view" || kind === "materialized view" ? `table ${name}` : `${kind} ${name}`;
  return { grantOn, commentOn: `${kind} ${name}`, column: undefined };
}

/** GRANT/REVOKE and COMMENT statements for the grants and comments that differ (of objects on both sides). */
export function grantAndCommentSql(differences: Difference[]): string[] {
  const statements: string[] = [];
  for (const { object, aspect, left, right } of differences) {
    const on = target(object);
    if (!on) continue;
    if (aspect === "comment") statements.push(`comment on ${on.commentOn} is ${right === undefined ? "null" : pg.escapeLiteral(right)};`);
    if (aspect !== "grants") continue;
    const entries = (value: string | undefined) => new Set((value ?? "").split(", ").filter(Boolean));
    const [before, after] = [entries(left), entries(right)];
    const change = (verb: "grant" | "revoke", entry: string) => {
      const [, role, privilege, option] = /^(\S+) ([A-Z ]+?)( WITH GRANT OPTION)?$/.exec(entry)!;
      const what = on.column ? `${privilege!.toLowerCase()} (${on.column})` : privilege!.toLowerCase();
      const who = role === "PUBLIC" ? "public" : role;
      statements.push(verb === "grant" ? `grant ${what} on ${on.grantOn} to ${who}${option ? " with grant option" : ""};` : `revoke ${what} on ${on.grantOn} from ${who};`);
    };
    for (const entry of before) if (!after.has(entry)) change("revoke", entry);
    for (const entry of after) if (!before.has(entry)) change("grant", entry);
  }
  return statements;
}

async function execute(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`begin;\n${sql}\ncommit;`);
  } finally {
    await client.end();
  }
}

/** Write current/100-generated.sql; 0 when it brings the chain to db/schema/, 1 with what it cannot. */
export async function generateMigration(adminUrl: string, log: Logger): Promise<number> {
  const scratch = scratchDatabases(adminUrl, "diff");
  const { before, after } = currentFiles();
  try {
    const chainName = scratch.name("chain");
    const [chainUrl, filesUrl] = await Promise.all([
      buildFromMigrations(adminUrl, chainName, log, before),
      buildFromFiles(adminUrl, scratch.name("files"), log),
    ]);
    const structure = await migraSql(chainUrl, filesUrl);

    // Proof: the statements on a copy of the chain's database, then the grants and comments still missing.
    const proofName = scratch.name("proof");
    await createDatabase(adminUrl, proofName, chainName);
    const proofUrl = withDatabase(adminUrl, proofName);
    const target = await readCatalogAt(filesUrl);
    try {
      if (structure) await execute(proofUrl, structure);
    } catch (error) {
      write(structure);
      console.error(`${relative(ROOT, GENERATED_FILE)} fails on the committed schema: ${(error as Error).message}. Edit it by hand (or split the change).`);
      return 1;
    }
    const privileges = grantAndCommentSql(compareCatalogs(await readCatalogAt(proofUrl), target));
    if (privileges.length) await execute(proofUrl, privileges.join("\n"));
    const sql = [structure, privileges.join("\n")].filter(Boolean).join("\n\n");
    write(sql);
    await runSqlFiles(proofUrl, after);
    const left = compareCatalogs(await readCatalogAt(proofUrl), target);
    const file = relative(ROOT, GENERATED_FILE);
    if (left.length) {
      console.error(
        `${sql ? `${file} written, but after it` : "Nothing generated, yet"} the database still differs from db/schema ` +
          `("-" with the migration, "+" db/schema):\n\n${formatDifferences(left, { left: "with the migration", right: "db/schema" })}\n\n` +
          "Write these steps by hand in db/migrations/current/200-*.sql (or 050-*.sql to run first) and run `npm run db:diff` again.",
      );
      return 1;
    }
    console.log(sql ? `${file}: ${sql.split("\n").length} lines, bringing the committed migrations to db/schema. Review it, then commit it: npm run migrate:commit -- --message "…"` : "db/schema and the committed migrations (with current/) already agree: nothing to generate.");
    return 0;
  } finally {
    await scratch.drop();
  }
}

function write(sql: string) {
  if (sql) writeFileSync(GENERATED_FILE, `${HEADER}\n${sql}\n`);
  else if (existsSync(GENERATED_FILE)) rmSync(GENERATED_FILE);
}
