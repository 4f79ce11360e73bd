// Settings for running behind a transaction pooler: which connection does what,
// and when PostGraphile's named statements are turned off. (The pooler itself
// is exercised for real by the bench's pgbouncer scenario.)
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import {
  applyPreparedStatementSetting,
  assertNamedStatementsOff,
  DATAPLAN_CACHE_VARIABLE,
  preparedStatementsWanted,
  withCredentialsOf,
} from "../../src/db/poolers.ts";

const direct = "postgres://owner:pw@db.internal:5432/ticketing";
const pooler = "postgres://owner:pw@pgbouncer.internal:6432/ticketing";

describe("transaction pooler settings", () => {
  it("keeps named statements on a direct connection, and when the direct URL is the same server", () => {
    expect(loadConfig({ DATABASE_URL: direct }).DATABASE_PREPARED_STATEMENTS).toBe(true);
    expect(loadConfig({}).DATABASE_PREPARED_STATEMENTS).toBe(true);
    const sameServer = "postgres://other:secret@db.internal/ticketing?sslmode=require";
    expect(loadConfig({ DATABASE_URL: direct, DATABASE_DIRECT_URL: sameServer }).DATABASE_PREPARED_STATEMENTS).toBe(true);
  });

  it("turns them off when DATABASE_DIRECT_URL names another server (DATABASE_URL is then a pooler)", () => {
    expect(loadConfig({ DATABASE_URL: pooler, DATABASE_DIRECT_URL: direct }).DATABASE_PREPARED_STATEMENTS).toBe(false);
  });

  it("lets DATABASE_PREPARED_STATEMENTS decide either way", () => {
    expect(preparedStatementsWanted({ DATABASE_URL: pooler, DATABASE_PREPARED_STATEMENTS: "false" })).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: pooler, DATABASE_DIRECT_URL: direct, DATABASE_PREPARED_STATEMENTS: "true" }).DATABASE_PREPARED_STATEMENTS,
    ).toBe(true);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: "no" })).toThrow(/DATABASE_PREPARED_STATEMENTS:/);
  });

  it("refuses a direct URL without DATABASE_URL, or one that is not a postgres URL", () => {
    expect(() => loadConfig({ DATABASE_DIRECT_URL: direct })).toThrow(/DATABASE_DIRECT_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: pooler, DATABASE_DIRECT_URL: "redis://x" })).toThrow(ConfigError);
  });

  it("sets the adaptor's cache size to 0 only when named statements are off", () => {
    const env: NodeJS.ProcessEnv = { DATABASE_URL: pooler, DATABASE_DIRECT_URL: direct };
    applyPreparedStatementSetting(env);
    expect(env[DATAPLAN_CACHE_VARIABLE]).toBe("0");
    expect(() => assertNamedStatementsOff(env)).not.toThrow();
    const plain: NodeJS.ProcessEnv = { DATABASE_URL: direct };
    applyPreparedStatementSetting(plain);
    expect(plain[DATAPLAN_CACHE_VARIABLE]).toBeUndefined();
    expect(() => assertNamedStatementsOff(plain)).toThrow(/graphile-env/);
  });

  it("puts the authenticator's credentials on the direct address for LISTEN", () => {
    const auth = "postgres://ticketing_authenticator:s3cret%21@pgbouncer.internal:6432/ticketing";
    expect(withCredentialsOf(auth, `${direct}?sslmode=require`)).toBe(
      "postgres://ticketing_authenticator:s3cret%21@db.internal:5432/ticketing?sslmode=require",
    );
  });
});
