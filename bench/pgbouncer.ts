// A real PgBouncer for the bench, started on its own port with a temporary
// configuration (deleted when it stops): transaction pooling in front of the
// bench database, trust from 127.0.0.1 (the bench never leaves this machine),
// and the server-side passwords, when PostgreSQL asks for them, from the auth
// file. A second entry for the same database with pool_size = 1 makes two
// transactions in a row share one backend, for the leak checks.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";

export interface PgBouncer {
  version: string;
  port: number;
  poolSize: number;
  maxClientConn: number;
  /** `url` with host and port switched to the pooler (same user, password, database). */
  via(url: string): string;
  /** Same, on the entry whose pool has a single server connection. */
  viaSingle(url: string): string;
  /** SHOW POOLS for the bench database's request user: server and client connections now. */
  pool(user: string): Promise<PoolSnapshot>;
  tail(): string;
  stop(): Promise<void>;
}

export interface PoolSnapshot {
  clientsActive: number;
  clientsWaiting: number;
  serversActive: number;
  serversIdle: number;
}

export const SINGLE_SUFFIX = "_single";

/** The pgbouncer binary, or why it cannot run (the scenario is then skipped with that reason). */
export function findPgBouncer(): { path: string; version: string } | { missing: string } {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/sbin", "/usr/bin"];
  const path = dirs.map((d) => join(d, "pgbouncer")).find((p) => p && existsSync(p));
  if (!path) return { missing: "pgbouncer is not installed (Debian: apt-get install -y pgbouncer)" };
  try {
    const version = execFileSync(path, ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
    return { path, version };
  } catch (error) {
    return { missing: `pgbouncer does not run: ${(error as Error).message}` };
  }
}

export async function startPgBouncer(options: {
  binary: string;
  version: string;
  /** Direct URLs whose users may log in (the owner and the authenticator). */
  users: string[];
  database: string;
  poolSize: number;
  maxClientConn: number;
}): Promise<PgBouncer> {
  const target = new URL(options.users[0]!);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "ticketing-pgbouncer-"));
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const users = new Map(options.users.map((u) => [decodeURIComponent(new URL(u).username), decodeURIComponent(new URL(u).password)]));
  writeFileSync(join(dir, "users.txt"), [...users].map(([user, password]) => `${quote(user)} ${quote(password)}`).join("\n") + "\n");
  const server = `host=${target.hostname} port=${target.port || 5432} dbname=${options.database}`;
  writeFileSync(
    join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `${options.database} = ${server}`,
      `${options.database}${SINGLE_SUFFIX} = ${server} pool_size=1`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(dir, "users.txt")}`,
      `admin_users = ${[...users.keys()].join(", ")}`,
      "pool_mode = transaction",
      `default_pool_size = ${options.poolSize}`,
      `max_client_conn = ${options.maxClientConn}`,
      // Idle server connections go soon: the direct load of the same run shares max_connections.
      "server_idle_timeout = 10",
      "log_connections = 0",
      "log_disconnections = 0",
      "logfile =",
      "pidfile =",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: then it runs as nobody, which must read its files.
  const args = [join(dir, "pgbouncer.ini")];
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }));
    for (const file of [dir, join(dir, "users.txt"), join(dir, "pgbouncer.ini")]) chownSync(file, uid, gid);
    args.unshift("-u", "nobody");
  }
  chmodSync(join(dir, "users.txt"), 0o600);

  const child = spawn(options.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-8_192);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  const via = (url: string, database = options.database) => {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(port);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = new URL(via(options.users[0]!, "pgbouncer"));
  admin.password = "";
  const adminQuery = async <T extends pg.QueryResultRow>(sql: string) => {
    // The admin console speaks the simple protocol only: a query without parameters.
    const client = new pg.Client({ connectionString: admin.toString() });
    client.on("error", () => {});
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${tail}`);
      await adminQuery("show version");
    }, 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    cleanup();
    throw error;
  }

  return {
    version: options.version,
    port,
    poolSize: options.poolSize,
    maxClientConn: options.maxClientConn,
    via: (url) => via(url),
    viaSingle: (url) => via(url, `${options.database}${SINGLE_SUFFIX}`),
    async pool(user) {
      const rows = await adminQuery<Record<string, string>>("show pools");
      const row = rows.find((r) => r.database === options.database && r.user === user);
      const n = (k: string) => Number(row?.[k] ?? 0);
      return { clientsActive: n("cl_active"), clientsWaiting: n("cl_waiting"), serversActive: n("sv_active"), serversIdle: n("sv_idle") };
    },
    tail: () => tail,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      cleanup();
    },
  };
}

async function until(probe: () => Promise<unknown>, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (performance.now() > deadline || (error as Error).message.startsWith("pgbouncer exited")) throw error;
      // Polling a process we cannot be notified by: it has no readiness signal but its port.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A port nothing listens on (yet): for PgBouncer, or as an unreachable service. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
