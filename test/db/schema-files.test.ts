// The committed db/schema.sql and schema.graphql are what the committed
// migrations produce, so a review shows every change to the database and the
// API. Refresh both with `npm run schema:update`.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatDifferences } from "../../src/tooling/declarative.ts";
import { differencesFromDump, dumpDatabaseSchema, graphqlSchemaSdl, pgDumpMajor, SCHEMA_FILES } from "../../src/tooling/schema-files.ts";
import { vocabularySource } from "../../src/tooling/vocabulary.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

function committed(file: string): string {
  try {
    return readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
  } catch {
    return "";
  }
}

/** One line naming the file and the command, not a 3,000-line diff. */
function expectFresh(kind: keyof typeof SCHEMA_FILES, fresh: string) {
  const { file, refresh } = SCHEMA_FILES[kind];
  expect(fresh.length).toBeGreaterThan(1000);
  if (committed(file) !== fresh) expect.fail(`${file} is stale: run \`${refresh}\` (or \`npm run schema:update\` for all) and commit it.`);
}

describe("committed schema files", () => {
  it("db/schema.sql matches the migrations", async () => {
    const { file, refresh } = SCHEMA_FILES.sql;
    // Loaded into a database of its own, it gives the catalog the migrations give. No pg_dump
    // needed: this runs on every test server (the embedded PostgreSQL 18 beside a pg_dump 15 too).
    const differences = await differencesFromDump(inject("pgAdminUrl"), committed(file), db.ownerUrl);
    if (differences.length) {
      const named = formatDifferences(differences, { left: "the migrations", right: file });
      expect.fail(`${file} is stale: run \`${refresh}\` and commit it.\n${named}`);
    }
    // Byte for byte too where pg_dump can dump this server and is the major that wrote the file
    // (each prints a little differently; CI has the one that wrote it).
    const writtenWith = Number(committed(file).match(/^-- Written by .* with pg_dump (\d+) /)?.[1]);
    const here = await pgDumpMajor().catch(() => undefined); // none installed
    const { rows } = await db.owner.query<{ major: number }>("select current_setting('server_version_num')::int / 10000 as major");
    if (here === writtenWith && here === rows[0]!.major) expectFresh("sql", await dumpDatabaseSchema(db.ownerUrl));
  });

  it("schema.graphql matches the migrations and the plugins", async () => {
    expectFresh("graphql", await graphqlSchemaSdl(db.ownerUrl));
  });

  it("src/generated/vocabulary.ts matches the migrations (enums, error catalogue, field bounds)", async () => {
    expectFresh("vocabulary", await vocabularySource(db.ownerUrl));
  });
});
