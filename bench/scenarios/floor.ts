// Scenario 1, the floor: the raw booking transaction with nothing around it —
//   begin; advisory lock on the event; conditional decrement; insert the ticket; commit
// — driven by pgbench with C clients on one hot event (or, without pgbench, by
// C node-postgres clients in a loop). It runs as the owner, so the table
// triggers (availability version, pg_notify) fire exactly as for a real booking,
// but there is no role switch, no RLS, no per-student check, no HTTP.
// Whatever the server does per booking, this is what one Postgres can commit
// on this machine when every booking of one event is serialised.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { createEvent, eventTruth } from "../fixtures.ts";
import { round } from "../stats.ts";

export interface FloorResult {
  method: "pgbench" | "pg-loop";
  transactions: number;
  elapsedMs: number;
  transactionsPerSecond: number;
  /** Seats the event still had afterwards: > 0 means no transaction was a no-op. */
  ticketsRemaining: number;
  cpu?: CpuShares;
}

const LOCK_KEY = "hashtext('ticketing.event')"; // the same advisory lock key book_ticket takes
const TOTAL = 100_000; // the most seats an event may have

/**
 * The ticket insert, as the current schema accepts it. A confirmed ticket needs a check-in code
 * (tickets_check_in_code_valid, db/schema/tickets.sql); book_ticket makes one with
 * app_private.new_check_in_code(), so the floor pays for the same call.
 */
async function ticketInsert(ctx: BenchContext): Promise<{ columns: string; values: string }> {
  const { rows } = await ctx.db.owner.query<{ code: boolean }>(
    `select exists (select from information_schema.columns
       where table_schema = 'app_public' and table_name = 'tickets' and column_name = 'check_in_code') as code`,
  );
  if (!rows[0]!.code) return { columns: "event_id, user_id", values: ":event, :student" };
  const { rows: fn } = await ctx.db.owner.query<{ ok: boolean }>(
    "select to_regprocedure('app_private.new_check_in_code()') is not null as ok",
  );
  const code = fn[0]!.ok ? "app_private.new_check_in_code()" : "upper(md5(random()::text))";
  return { columns: "event_id, user_id, check_in_code", values: `:event, :student, ${code}` };
}

function script(insert: { columns: string; values: string }) {
  return `begin;
select pg_advisory_xact_lock(${LOCK_KEY}, :event);
update app_public.events set tickets_remaining = tickets_remaining - 1 where id = :event and tickets_remaining > 0;
insert into app_public.tickets (${insert.columns}) values (${insert.values});
commit;
`;
}

export async function runFloor(ctx: BenchContext): Promise<FloorResult> {
  const { db, options } = ctx;
  const eventId = await createEvent(db.owner, "Floor", TOTAL, 10);
  const studentId = ctx.students[0]!.id;
  const hasPgbench = spawnSync("pgbench", ["--version"]).status === 0;
  const stopCpu = measureCpu(ctx.instances.map((i) => i.pid));
  const sql = script(await ticketInsert(ctx));
  const run = hasPgbench ? await withPgbench(ctx, sql, eventId, studentId) : await withPgLoop(ctx, sql, eventId, studentId);
  const cpu = stopCpu();
  const truth = await eventTruth(db.owner, eventId);
  if (truth.liveTickets !== run.transactions) {
    throw new Error(`floor: ${run.transactions} transactions reported but ${truth.liveTickets} tickets written`);
  }
  if (truth.ticketsRemaining === 0) options.log("floor: the event ran out of seats; lower --duration");
  return {
    method: hasPgbench ? "pgbench" : "pg-loop",
    ...run,
    transactionsPerSecond: round(run.transactions / (run.elapsedMs / 1000), 1),
    ticketsRemaining: truth.ticketsRemaining,
    cpu,
  };
}

async function withPgbench(ctx: BenchContext, sql: string, eventId: number, studentId: number) {
  const dir = mkdtempSync(join(tmpdir(), "ticketing-bench-"));
  const file = join(dir, "book.sql");
  writeFileSync(file, sql);
  const seconds = Math.max(1, Math.round(ctx.options.durationMs / 1000));
  const threads = Math.min(ctx.options.concurrency, cpus().length);
  const args = ["-n", "-c", String(ctx.options.concurrency), "-j", String(threads), "-T", String(seconds)];
  args.push("-f", file, "-D", `event=${eventId}`, "-D", `student=${studentId}`, ctx.db.ownerUrl);
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("pgbench", args, { stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (c) => (text += c));
      child.stderr.on("data", (c) => (text += c));
      child.once("error", reject);
      child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}:\n${text}`))));
    });
    const processed = output.match(/number of transactions actually processed: (\d+)/);
    const failed = output.match(/number of failed transactions: (\d+)/);
    if (!processed) throw new Error(`unexpected pgbench output:\n${output}`);
    if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: ${failed[1]} failed transactions`);
    // pgbench's own tps excludes connection set-up; derive the same from its count and -T.
    const tps = Number(output.match(/tps = ([\d.]+) \(without initial connection time\)/)?.[1]);
    const transactions = Number(processed[1]);
    return { transactions, elapsedMs: round(tps > 0 ? (transactions / tps) * 1000 : seconds * 1000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Without pgbench: the same transaction from C connections, each in a loop bounded by time. */
async function withPgLoop(ctx: BenchContext, sql: string, eventId: number, studentId: number) {
  // The pgbench script's statements, with :event/:student bound as parameters.
  const statements = sql
    .split(";\n")
    .map((statement) => statement.trim().replace(/:event/g, "$1").replace(/:student/g, "$2"))
    .filter(Boolean);
  const clients = await Promise.all(
    Array.from({ length: ctx.options.concurrency }, async () => {
      const client = new pg.Client({ connectionString: ctx.db.ownerUrl });
      await client.connect();
      return client;
    }),
  );
  let transactions = 0;
  const started = performance.now();
  const stopAt = started + ctx.options.durationMs;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < stopAt) {
          for (const statement of statements) {
            const params = [eventId, studentId].slice(0, statement.includes("$2") ? 2 : statement.includes("$1") ? 1 : 0);
            await client.query(statement, params);
          }
          transactions++;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return { transactions, elapsedMs: round(performance.now() - started) };
}
