// A fresh database per test file, cloned from the migrated template, with
// helpers to run SQL as the owner or as a request role (exactly as the API does).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { pgSettingsFor, type PgSettings } from "../../src/auth/pg-settings.ts";
import type { Claims } from "../../src/auth/jwt.ts";
import { authenticatorUrl } from "../../src/db/migrate.ts";
import { withPgSettings } from "../../src/db/with-settings.ts";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { insertUser } from "./fixtures.ts";

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  authUrl: string;
  /** Owner connection: bypasses RLS, for arranging data and checking the truth. */
  owner: pg.Pool;
  /** Run work in one transaction as the role these claims map to (null = anonymous). */
  as<T>(claims: Claims | null, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Run work in one transaction with exactly these settings (e.g. a service role). */
  withSettings<T>(settings: PgSettings, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `ticketing_test_${randomBytes(6).toString("hex")}`;
  await createDatabase(adminUrl, name, inject("pgTemplate"));
  const ownerUrl = withDatabase(adminUrl, name);
  const authUrl = authenticatorUrl(ownerUrl, inject("pgAuthenticatorPassword") || undefined);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  const rolePool = new pg.Pool({ connectionString: authUrl, max: 4 });
  // Tests terminate backends on purpose (faults, lost LISTEN connections): an idle
  // client of these pools may be among them, which is no failure of the test.
  for (const pool of [owner, rolePool]) pool.on("error", () => {});

  return {
    name,
    ownerUrl,
    authUrl,
    owner,
    as: (claims, work) => withPgSettings(rolePool, pgSettingsFor(claims), work),
    withSettings: (settings, work) => withPgSettings(rolePool, settings, work),
    async drop() {
      await owner.end();
      await rolePool.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

export interface DatabaseWithAdmin {
  db: TestDatabase;
  admin: Claims;
  /** The rows of one statement run as these claims' role (null = anonymous), in its own transaction. */
  rowsAs(claims: Claims | null, sql: string, params?: unknown[]): Promise<any[]>;
}

/** A fresh database for one test file with an admin in it: made before its tests, dropped after them (as useTestServer). */
export function useTestDatabase(): DatabaseWithAdmin {
  const context = {
    rowsAs: async (claims, sql, params = []) => context.db.as(claims, async (c) => (await c.query(sql, params)).rows),
  } as DatabaseWithAdmin;
  beforeAll(async () => {
    context.db = await createTestDatabase();
    context.admin = await insertUser(context.db, "admin");
  });
  afterAll(() => context.db?.drop());
  return context;
}

/**
 * What PostgreSQL refused with, for assertions on SQL as each role: its SQLSTATE,
 * our machine code (DETAIL) and the constraint, if any; undefined if it succeeded.
 */
export function sqlFailure(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: { code: string; detail?: string; constraint?: string }) => ({ code: error.code, detail: error.detail, constraint: error.constraint }),
  );
}

export type { PgSettings };
