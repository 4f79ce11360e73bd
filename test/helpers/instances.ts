// Real server processes (`node src/main.ts`), as a deployment runs them: each
// its own process and port, all on one database and one Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll } from "vitest";
import { deleteRedisKeys } from "./app.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { testJwt } from "./fixtures.ts";

export interface Instance {
  url: string;
  process: ChildProcess;
  /** Everything the process has logged so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startInstance(db: TestDatabase, env: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: db.ownerUrl,
      AUTH_DATABASE_URL: db.authUrl,
      JWT_SECRET: testJwt.secret,
      // Production needs it (links in emails); harmless elsewhere.
      PUBLIC_URL: "https://tickets.example.edu",
      REDIS_PREFIX: db.name,
      LOG_LEVEL: "info",
      // These processes serve the API; background jobs are tested with their own runner.
      RUN_WORKER: "false",
      DATA_DIR: join(tmpdir(), `ticketing-instance-${db.name}`),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      output.push(line);
      if (line.includes("ticketing API is listening")) resolve(JSON.parse(line).url);
    });
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}:\n${output.join("\n")}`)));
  });
  child.stdout!.resume();

  return {
    url,
    process: child,
    output: () => output.join("\n"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * For a test file of server processes: a fresh database, and `start` for the
 * processes each test runs, stopped when the test ends.
 */
export function useInstances() {
  const running: Instance[] = [];
  const context = {
    db: undefined as unknown as TestDatabase,
    async start(env: Record<string, string> = {}) {
      const instance = await startInstance(context.db, env);
      running.push(instance);
      return instance;
    },
  };
  beforeAll(async () => {
    context.db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((instance) => instance.stop()));
  });
  afterAll(async () => {
    if (context.db) await deleteRedisKeys(context.db.name);
    await context.db?.drop();
  });
  return context;
}
