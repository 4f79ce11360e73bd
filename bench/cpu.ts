// Where the machine's CPU went during a timed load, from /proc (Linux only;
// elsewhere the figures are simply absent). With 2 cores shared by PostgreSQL,
// the API server(s) and the load generator, "which process used the cores" is
// the first question behind any throughput figure.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { round } from "./stats.ts";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface CpuShares {
  /** Average cores busy over the load, per group; `machine` is every process (1 - idle). */
  server: number;
  postgres: number;
  bench: number;
  other: number;
  machine: number;
  cores: number;
  /** CPU seconds the server process(es) used, unrounded: per-request and per-message costs divide this. */
  serverSeconds: number;
  /** Of which in the kernel (system calls: socket writes, on loopback with the receiving side's TCP work). */
  serverSystemSeconds: number;
}

interface Snapshot {
  at: number;
  server: number;
  serverSystem: number;
  postgres: number;
  bench: number;
  busy: number;
}

function processTicks(pid: number | string, which: "all" | "system" = "all"): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime (fields 14, 15); children's time (cutime, cstime) counts too
    // for pgbench-style forks that have exited.
    if (which === "system") return Number(fields[12]) + Number(fields[14]);
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0; // the process ended between listing and reading
  }
}

function commOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Every PostgreSQL process on the machine (postmaster, backends, walwriter...). */
function postgresTicks(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (/^\d+$/.test(pid) && commOf(pid) === "postgres") total += processTicks(pid);
  }
  return total;
}

function busyTicks(): number {
  const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
  const values = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3]! + (values[4] ?? 0); // idle + iowait
  return values.reduce((a, b) => a + b, 0) - idle;
}

function snapshot(serverPids: number[], extraBenchPids: number[]): Snapshot {
  return {
    at: performance.now(),
    server: serverPids.reduce((sum, pid) => sum + processTicks(pid), 0),
    serverSystem: serverPids.reduce((sum, pid) => sum + processTicks(pid, "system"), 0),
    postgres: postgresTicks(),
    bench: processTicks(process.pid) + extraBenchPids.reduce((sum, pid) => sum + processTicks(pid), 0),
    busy: busyTicks(),
  };
}

/**
 * Start measuring; the returned function ends the measurement. `extraBenchPids`
 * are load-generating helpers (pgbench) counted with the bench.
 */
export function measureCpu(serverPids: number[], extraBenchPids: number[] = []): () => CpuShares | undefined {
  if (process.platform !== "linux") return () => undefined;
  const before = snapshot(serverPids, extraBenchPids);
  return () => {
    const after = snapshot(serverPids, extraBenchPids);
    const seconds = (after.at - before.at) / 1000;
    const cores = (ticks: number) => round(ticks / TICKS_PER_SECOND / seconds);
    const shares = {
      server: cores(after.server - before.server),
      postgres: cores(after.postgres - before.postgres),
      bench: cores(after.bench - before.bench),
      machine: cores(after.busy - before.busy),
      cores: cpus().length,
      other: 0,
      serverSeconds: (after.server - before.server) / TICKS_PER_SECOND,
      serverSystemSeconds: (after.serverSystem - before.serverSystem) / TICKS_PER_SECOND,
    };
    shares.other = round(Math.max(0, shares.machine - shares.server - shares.postgres - shares.bench));
    return shares;
  };
}

/** Cores the machine keeps busy on its own over `ms` (nothing of ours runs yet). */
export async function backgroundLoad(ms = 1_000): Promise<number | undefined> {
  if (process.platform !== "linux") return undefined;
  const before = { at: performance.now(), busy: busyTicks() };
  await new Promise((resolve) => setTimeout(resolve, ms)); // a measurement window, not a synchronisation
  return round((busyTicks() - before.busy) / TICKS_PER_SECOND / ((performance.now() - before.at) / 1000));
}
