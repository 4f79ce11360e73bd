// `npm run migrate`'s first connection (src/db/wait-for-database.ts): retried
// while PostgreSQL refuses connections (a server still starting), for a bounded
// time, and not at all when waiting cannot help. The "server still starting" is
// a TCP proxy in front of the machine's PostgreSQL that refuses until reopened.
import { afterEach, describe, expect, it, inject } from "vitest";
import { DatabaseWaitError, waitForDatabase } from "../../src/db/wait-for-database.ts";
import { withDatabase } from "../../src/tooling/databases.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";

let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.cut();
  proxy = undefined;
});

/** The admin URL through a proxy that refuses connections until restore(). */
async function refusingDatabase(): Promise<string> {
  const admin = new URL(inject("pgAdminUrl"));
  proxy = await startTcpProxy(admin.hostname, Number(admin.port || 5432));
  await proxy.cut();
  admin.port = String(proxy.port);
  return admin.toString();
}

describe("waitForDatabase", () => {
  it("retries while connections are refused and returns once the server accepts one", async () => {
    const url = await refusingDatabase();
    const warnings: { details: object; message: string }[] = [];
    const log = {
      warn(details: object, message: string) {
        warnings.push({ details, message });
        if (warnings.length === 2) void proxy!.restore(); // the server is up after two refusals
      },
    };
    await waitForDatabase(url, 30_000, log, 50);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.details).toMatchObject({ attempt: 1, reason: expect.stringMatching(/^ECONNREFUSED/) });
  });

  it("gives up after the bound, naming the server (not its password), the bound and the last error", async () => {
    const url = await refusingDatabase();
    const secretUrl = new URL(url);
    secretUrl.password = "a-password-never-shown";
    const error = await waitForDatabase(secretUrl.toString(), 300, { warn() {} }, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseWaitError);
    expect((error as Error).message).toMatch(
      new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${proxy!.port}/\\w+ did not accept a connection within MIGRATE_DATABASE_WAIT_MS=300 .*ECONNREFUSED`),
    );
    expect((error as Error).message).not.toContain("a-password-never-shown");
  });

  it("fails at once, without retrying, when waiting cannot help (a database that does not exist)", async () => {
    let warned = 0;
    const url = withDatabase(inject("pgAdminUrl"), "ticketing_no_such_database");
    const error = await waitForDatabase(url, 30_000, { warn: () => warned++ }, 50).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("3D000");
    expect(warned).toBe(0);
  });
});
