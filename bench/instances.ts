// The API as it is deployed: `node src/main.ts` in its own process (so the load
// generator never shares an event loop with the server), PORT=0, told where the
// bench database and Redis are, with a JWT secret the bench knows. Its URL
// comes from the "ticketing API is listening" log line.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BenchDatabase } from "./database.ts";

export interface Instance {
  url: string;
  pid: number;
  /** Bearer token of its /metrics (bench/scenarios/fan-out.ts reads its heap there). */
  metricsToken?: string;
  /** The last few KB the process wrote, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 60_000;
const TAIL_BYTES = 8_192;

export async function startInstance(
  db: BenchDatabase,
  settings: {
    jwtSecret: string;
    redisUrl?: string;
    cpuProfDir?: string;
    /** More settings, over the defaults below: e.g. requests through a pooler (bench/scenarios/pgbouncer.ts). */
    env?: Record<string, string>;
    /** Open files (sockets) the process may hold, raised with prlimit (scenario 5b holds 50,000 websockets). */
    fileLimit?: number;
  },
): Promise<Instance> {
  const args = ["src/main.ts"];
  if (settings.cpuProfDir) {
    mkdirSync(settings.cpuProfDir, { recursive: true });
    args.unshift("--cpu-prof", `--cpu-prof-dir=${settings.cpuProfDir}`);
  }
  // A clean environment: only what a deployment would set, so a developer's
  // shell (ADMIN_EMAIL, PORT, AUTHENTICATOR_PASSWORD...) cannot change the figures.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    // production: grafast skips its development-time assertions, as deployed.
    NODE_ENV: "production",
    PORT: "0",
    DATABASE_URL: db.ownerUrl,
    AUTH_DATABASE_URL: db.authUrl,
    JWT_SECRET: settings.jwtSecret,
    // Production requires it (links in verification and reset emails); the bench sends none.
    PUBLIC_URL: "https://tickets.example.edu",
    // Production refuses to start without its secrets; the bench never pays, so any value does.
    PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString("base64url"),
    REDIS_PREFIX: db.name,
    LOG_LEVEL: "info", // production's level: its per-request log line is part of the cost
    // The API tier alone, deployed as docker-compose.yml does (the worker is its own
    // service): emails queued by bookings wait in the outbox during the run.
    RUN_WORKER: "false",
    // Every bench client comes from one address: lift the per-address and
    // per-connection websocket caps (fan-out opens 1,000 sockets, the flood 1,000 per socket).
    WS_MAX_CONNECTIONS_PER_ADDRESS: "100000",
    WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "1000",
    WS_SUBSCRIBES_PER_ADDRESS_PER_10S: "10000000",
  };
  if (settings.redisUrl) env.REDIS_URL = settings.redisUrl;
  // /metrics on the main port, for the bench only (fan-out reads the server's heap there).
  const metricsToken = randomBytes(32).toString("base64url");
  env.METRICS_TOKEN = metricsToken;
  Object.assign(env, settings.env);

  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  if (settings.fileLimit) raiseFileLimit(child.pid!, settings.fileLimit);
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-TAIL_BYTES);
  };
  child.stderr!.on("data", keep);

  const url = await new Promise<string>((resolve, reject) => {
    let pending = "";
    let found = false;
    const timer = setTimeout(() => fail(new Error("did not report listening in time")), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`server instance failed: ${error.message}\n${tail}`));
    };
    // Until the ready line: split lines. After it: keep only the tail (the pipe
    // must be drained or the server would block on its request logs).
    child.stdout!.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (found) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.includes("ticketing API is listening")) continue;
        found = true;
        clearTimeout(timer);
        resolve(JSON.parse(line).url as string);
        return;
      }
    });
    child.once("exit", (code, signal) => fail(new Error(`exited with ${code ?? signal}`)));
  });

  return {
    url,
    pid: child.pid!,
    metricsToken: env.METRICS_TOKEN,
    tail: () => tail,
    stop: () => stopChild(child),
  };
}

/** SIGTERM (the server closes its pools and writes its CPU profile), SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Raise a process's open-file limit (soft and hard) with util-linux's prlimit
 * (needs the right to: root, or a hard limit already that high). Returns the
 * soft limit in force afterwards, raised or not.
 */
export function raiseFileLimit(pid: number, files: number): number {
  if (fileLimitOf(pid) >= files) return fileLimitOf(pid);
  try {
    execFileSync("prlimit", ["--pid", String(pid), `--nofile=${files}:${files}`], { stdio: "ignore" });
  } catch {
    // not allowed, or no prlimit: the limit stays what it was
  }
  return fileLimitOf(pid);
}

/** The soft limit on open files of a process (/proc/<pid>/limits). */
export function fileLimitOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/limits`, "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}
