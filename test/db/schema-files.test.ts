// The committed db/schema.sql and schema.graphql are what the committed
// migrations produce, so a review shows every change to the database and the
// API. Refresh both with `npm run schema:update`.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDatabaseSchema, graphqlSchemaSdl, pgDumpMajor, SCHEMA_FILES } from "../../src/db/schema-files.ts";
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
  if (committed(file) !== fresh) expect.fail(`${file} is stale: run \`${refresh}\` (or \`npm run schema:update\` for both) and commit it.`);
}

describe("committed schema files", () => {
  it("db/schema.sql matches the migrations", async (context) => {
    // Each pg_dump major prints a little differently: compare like with like (CI has the one that wrote it).
    const writtenWith = Number(committed(SCHEMA_FILES.sql.file).match(/^-- Written by .* with pg_dump (\d+) /)?.[1]);
    const here = await pgDumpMajor();
    if (writtenWith && writtenWith !== here) context.skip(`db/schema.sql was written by pg_dump ${writtenWith}; here is ${here}`);
    // pg_dump cannot dump a newer server (e.g. the embedded PostgreSQL 18 `npm test` starts without TEST_DATABASE_URL).
    const { rows } = await db.owner.query<{ major: number }>("select current_setting('server_version_num')::int / 10000 as major");
    if (rows[0]!.major !== here) context.skip(`the test server is PostgreSQL ${rows[0]!.major}; pg_dump here is ${here}`);
    expectFresh("sql", await dumpDatabaseSchema(db.ownerUrl));
  });

  it("schema.graphql matches the migrations and the plugins", async () => {
    expectFresh("graphql", await graphqlSchemaSdl(db.ownerUrl));
  });
});
