// Migrations run once per deploy (`npm run migrate`, the compose file's one-shot
// `migrate` service), not by every instance: with MIGRATE_ON_START=false an
// instance only checks, and refuses a database behind its code instead of
// serving on the wrong schema. Real processes on real databases (slow suite).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { inject, describe, expect, it, afterAll } from "vitest";
import pg from "pg";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { authenticatorUrl } from "../../src/db/migrate.ts";
import { request } from "../helpers/app.ts";
import { testJwt } from "../helpers/fixtures.ts";
import { startInstance } from "../helpers/instances.ts";

const committed = readdirSync("db/migrations/committed").filter((file) => file.endsWith(".sql")).sort();
const created: string[] = [];

/** An empty database (no template: nothing migrated), dropped after the file. */
async function emptyDatabase() {
  const adminUrl = inject("pgAdminUrl");
  const name = `ticketing_test_${randomBytes(6).toString("hex")}`;
  await createDatabase(adminUrl, name);
  created.push(name);
  const ownerUrl = withDatabase(adminUrl, name);
  const authUrl = authenticatorUrl(ownerUrl, inject("pgAuthenticatorPassword") || undefined);
  // startInstance's database shape; no pools are needed here.
  return { name, ownerUrl, authUrl } as Parameters<typeof startInstance>[0];
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A server process run to its end (it is expected to refuse to start). */
function runMain(db: { ownerUrl: string; authUrl: string }, env: Record<string, string>) {
  const { REDIS_URL, ...rest } = process.env;
  return spawnSync(process.execPath, ["src/main.ts"], {
    env: { ...rest, NODE_ENV: "test", PORT: "0", DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl, JWT_SECRET: testJwt.secret, RUN_WORKER: "false", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

afterAll(async () => {
  for (const name of created) await dropDatabase(inject("pgAdminUrl"), name);
});

describe("MIGRATE_ON_START=false", () => {
  it("refuses an unmigrated database, naming what to run; npm run migrate migrates it once; then instances start", async () => {
    const db = await emptyDatabase();

    const refused = runMain(db, { MIGRATE_ON_START: "false" });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `The database is behind this code: ${committed.length} committed migration(s) not run (${committed.join(", ")}). ` +
        "MIGRATE_ON_START=false, so this instance does not run them: run `npm run migrate` once " +
        "(the compose file's migrate service), or start with MIGRATE_ON_START=true.",
    );
    // It only looked: not even graphile-migrate's own schema was created.
    expect(await query(db.ownerUrl, "select nspname from pg_namespace where nspname in ('graphile_migrate', 'app_public')")).toEqual([]);

    // The one-shot migration (what the compose file's migrate service runs), twice: the second finds nothing to do.
    // No AUTHENTICATOR_PASSWORD: the role is cluster-wide and other test files log in with it.
    const { REDIS_URL, AUTHENTICATOR_PASSWORD, ...env } = process.env;
    for (let run = 0; run < 2; run++) {
      const migrated = spawnSync(process.execPath, ["src/cli/migrate.ts"], {
        env: { ...env, NODE_ENV: "test", DATABASE_URL: db.ownerUrl, LOG_LEVEL: "info" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect({ status: migrated.status, stderr: migrated.stderr }).toEqual({ status: 0, stderr: "" });
      expect(migrated.stdout).toContain('"msg":"database migrated"');
      if (run === 1) expect(migrated.stdout).not.toContain("Running migration");
    }
    const applied = await query<{ filename: string }>(db.ownerUrl, "select filename from graphile_migrate.migrations order by filename");
    // graphile-migrate records each file by its number.
    expect(applied.map((row) => row.filename)).toEqual(committed.map((file) => `${file.slice(0, 6)}.sql`));

    const instance = await startInstance(db, { MIGRATE_ON_START: "false" });
    try {
      expect(instance.output()).not.toContain("Running migration");
      expect((await request(instance.url, "GET", "/readyz")).status).toBe(200);
    } finally {
      await instance.stop();
    }
  });

  it("refuses a database one migration behind", async () => {
    const db = await emptyDatabase();
    const { REDIS_URL, AUTHENTICATOR_PASSWORD, ...env } = process.env;
    const migrated = spawnSync(process.execPath, ["src/cli/migrate.ts"], {
      env: { ...env, NODE_ENV: "test", DATABASE_URL: db.ownerUrl, LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(migrated.status).toBe(0);
    // As if the newest migration had not been run yet (its SQL stays: only the record goes).
    const last = committed.at(-1)!;
    await query(db.ownerUrl, `delete from graphile_migrate.migrations where filename = '${last.slice(0, 6)}.sql'`);

    const refused = runMain(db, { MIGRATE_ON_START: "false" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`1 committed migration(s) not run (${last})`);
  });
});
