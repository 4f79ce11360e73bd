// The DBA's commands over db/schema/ (db/README.md):
//   npm run db:compare   do db/schema/ and the committed migrations build the same database? (exit 1 naming each difference)
//   npm run db:diff      write db/migrations/current/100-generated.sql: the migration from committed/ to db/schema/
//   npm run migrate:commit -- --message "…"   commit current/ as the next committed migration (graphile-migrate)
// Scratch databases are made through ROOT_DATABASE_URL (db/migrate.env, the environment, or the local server's postgres user).
import "../graphile-env.ts";
import { parseArgs } from "node:util";
import { LABELS, compareWithChain, formatDifferences } from "../tooling/declarative.ts";
import { commitCurrent, migrateEnv } from "../tooling/migrate-commit.ts";
import { generateMigration } from "../tooling/schema-diff.ts";
import { log } from "../log.ts";

const quiet = log.child({}, { level: "warn" });
export const DEFAULT_ROOT_URL = "postgres://postgres@127.0.0.1:5432/postgres";

async function compare(adminUrl: string): Promise<number> {
  const differences = await compareWithChain(adminUrl, quiet);
  if (differences.length === 0) {
    console.log(`db/schema and the committed migrations build the same database.`);
    return 0;
  }
  console.error(
    `db/schema and the committed migrations build different databases (${differences.length} difference(s); ` +
      `"-" is what ${LABELS.chain} build, "+" what ${LABELS.files} build):\n\n${formatDifferences(differences)}\n\n` +
      "A change made in db/schema: run `npm run db:diff` for its migration. A committed migration written by hand: " +
      "bring its objects into db/schema (the \"-\" side is what the database runs).",
  );
  return 1;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { message: { type: "string", short: "m" } } });
  // db/migrate.env, when there is one, names the server for every command (db/README.md).
  const adminUrl = migrateEnv()?.ROOT_DATABASE_URL || process.env.ROOT_DATABASE_URL || DEFAULT_ROOT_URL;
  switch (positionals[0]) {
    case "compare":
      return compare(adminUrl);
    case "diff":
      return generateMigration(adminUrl, quiet);
    case "commit":
      return commitCurrent(values.message, quiet);
    default:
      console.error("usage: node src/cli/db-schema.ts compare | diff | commit --message \"…\"");
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
