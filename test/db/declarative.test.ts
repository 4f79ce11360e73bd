// db/schema/ holds the one current definition of every object, and builds
// exactly the database the committed migrations build: a change made in one
// without the other fails here, naming the object (run `npm run db:compare`
// for the same report, `npm run db:diff` for the migration a change needs).
import { readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compareCatalogs, readCatalogAt } from "../../src/tooling/catalog.ts";
import { buildFromFiles, compareWithChain, formatDifferences, SCHEMA_DIR, schemaFiles, scratchDatabases } from "../../src/tooling/declarative.ts";
import { createDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { log } from "../../src/log.ts";

const quiet = log.child({}, { level: "warn" });

describe("db/schema", () => {
  it("builds the database the committed migrations build", async () => {
    // The test template is the committed migrations, migrated once for every test file.
    const differences = await compareWithChain(inject("pgAdminUrl"), quiet, { chainTemplate: inject("pgTemplate") });
    if (differences.length) {
      expect.fail(`db/schema and the committed migrations differ ("-" migrations, "+" db/schema):\n\n${formatDifferences(differences)}`);
    }
  });

  it("loads every file of db/schema (all.sql lists each once)", () => {
    const listed = schemaFiles().map((file) => basename(file));
    const present = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith(".sql") && name !== "all.sql");
    expect(listed.toSorted()).toEqual(present.toSorted());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("defines each function once", () => {
    const definitions = schemaFiles().flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^create (?:or replace )?function (\w+\.\w+)\s*\(/gim)].map((match) => `${match[1]} (${basename(file)})`),
    );
    const names = definitions.map((definition) => definition.split(" ")[0]);
    expect(definitions.filter((_, index) => names.indexOf(names[index]) !== index)).toEqual([]);
    expect(names.length).toBeGreaterThan(70);
  });
});

describe("the comparison", () => {
  const adminUrl = () => inject("pgAdminUrl");
  let filesUrl: string;
  let changedUrl: string;
  let scratchDrop: () => Promise<void>;

  beforeAll(async () => {
    const databases = scratchDatabases(adminUrl(), "cmp");
    scratchDrop = databases.drop;
    filesUrl = await buildFromFiles(adminUrl(), databases.name("files"), quiet);
    const changedName = databases.name("changed");
    await createDatabase(adminUrl(), changedName, new URL(filesUrl).pathname.slice(1));
    const changed = new pg.Client({ connectionString: withDatabase(adminUrl(), changedName) });
    await changed.connect();
    try {
      // What a hand-written migration might do to a database that db/schema would not know.
      await changed.query(`
        revoke execute on function app_hidden.book_ticket(integer, text) from ticketing_student;
        comment on column app_public.events.venue is 'Where it happens.';
        alter table app_public.tickets add column seat text;
        drop policy users_admin on app_public.users;
        update app_private.throttle_rules set max_hits = 11 where rule = 'sign_in_failures_per_email';
        create or replace function app_private.ticket_is_sold(status app_public.ticket_status) returns boolean
          language sql immutable parallel safe as $$ select status in ('confirmed', 'pending') $$;`);
    } finally {
      await changed.end();
    }
    changedUrl = withDatabase(adminUrl(), changedName);
  });
  afterAll(() => scratchDrop?.());

  it("names each object that differs, and only those", async () => {
    const differences = compareCatalogs(await readCatalogAt(filesUrl), await readCatalogAt(changedUrl));
    expect(differences.map(({ object, aspect }) => `${object}: ${aspect ?? "only on one side"}`)).toEqual([
      "column app_public.events.venue: comment",
      "column app_public.tickets.seat: only on one side",
      "function app_hidden.book_ticket(integer,text): grants",
      "function app_private.ticket_is_sold(app_public.ticket_status): definition",
      "policy users_admin on app_public.users: only on one side",
      "rows of app_private.throttle_rules: data",
      "table app_public.tickets: columns",
    ]);
    // The report shows each side: here the grant the database has and db/schema does not.
    expect(formatDifferences(differences)).toMatch(/function app_hidden\.book_ticket\(integer,text\): grants differs\n(.*\n){3}    -.*ticketing_student EXECUTE\n    \+/);
  });
});
