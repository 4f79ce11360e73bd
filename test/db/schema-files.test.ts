// The committed db/schema.sql and schema.graphql are what the committed
// migrations produce, so a review shows every change to the database and the
// API. Refresh both with `npm run schema:update`.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDatabaseSchema, graphqlSchemaSdl, SCHEMA_FILES } from "../../src/db/schema-files.ts";
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

describe("committed schema files", () => {
  it.each([
    ["sql", dumpDatabaseSchema],
    ["graphql", graphqlSchemaSdl],
  ] as const)("%s matches the migrations", async (kind, generate) => {
    const { file, refresh } = SCHEMA_FILES[kind];
    const fresh = await generate(db.ownerUrl);
    expect(fresh.length).toBeGreaterThan(1000);
    // One line naming the file and the command, not a 3,000-line diff.
    if (committed(file) !== fresh) expect.fail(`${file} is stale: run \`${refresh}\` (or \`npm run schema:update\` for both) and commit it.`);
  });
});
