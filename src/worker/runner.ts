// graphile-worker: jobs queued by SQL (triggers and functions) run here.
// Supervised: graphile-worker stops its worker pool when it cannot record a
// job's outcome (the database went away mid-job); we start it again once the
// database answers, and unlock the jobs the stopped pool held (they would
// otherwise wait for the 4-hour lock expiry).
import { EventEmitter } from "node:events";
import { Logger as WorkerLogger, makeWorkerUtils, run, type Runner, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { makePool } from "../db/pools.ts";
import type { Logger } from "../log.ts";
import { DATABASE_METRICS_POOL, watchDatabase, watchWorkerEvents } from "../metrics/index.ts";
import type { Mailer } from "../notifications/mailer.ts";
import type { PaymentProvider } from "../payments/provider.ts";
import { crontab, makeTaskList } from "./tasks.ts";

export interface Worker {
  /** Settles when the worker has stopped for good (stop() called). */
  promise: Promise<void>;
  stop(): Promise<void>;
}

const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];

export async function startWorker(options: {
  ownerUrl: string;
  mailer: Mailer;
  log: Logger;
  concurrency?: number;
  /** The configured payment provider (refunds, pruning); the caller closes it. */
  payments?: PaymentProvider;
}): Promise<Worker> {
  const { log } = options;
  const taskList = makeTaskList(options.mailer, options.payments);
  const concurrency = options.concurrency ?? 4;
  // Our pool (src/db/pools.ts): a terminated backend is logged, not fatal.
  // Room for every job, graphile-worker's LISTEN connection and its crontab.
  const pgPool = makePool("worker", options.ownerUrl, { max: concurrency + 3 }, log);
  // Queue depth, outbox lag, payments by state at /metrics: read at scrape time on a connection of its own.
  const unwatchDatabase = watchDatabase(makePool("metrics", options.ownerUrl, DATABASE_METRICS_POOL, log), log);
  const start = async (): Promise<{ runner: Runner; poolIds: string[] }> => {
    const poolIds: string[] = [];
    const events: WorkerEvents = new EventEmitter();
    watchWorkerEvents(events); // job outcomes at /metrics
    events.on("pool:create", ({ workerPool }) => poolIds.push(workerPool.id));
    const runner = await run({
      events,
      pgPool,
      concurrency,
      taskList,
      crontab,
      noHandleSignals: true,
      // Batched outcomes: a failure to record one is reported to the pool (which
      // stops) instead of escaping as an unhandled rejection (which would end the process).
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      // One structured line per job (graphile-worker logs start and completion).
      logger: new WorkerLogger((scope) => (level, message) => {
        const line = { worker: scope.workerId, task: scope.taskIdentifier, job: scope.jobId };
        if (level === "error") log.error(line, message);
        else if (level === "warning") log.warn(line, message);
        else if (level === "info") log.info(line, message);
        else log.debug(line, message);
      }),
    });
    return { runner, poolIds };
  };

  let stopped = false;
  let current = await start();
  const supervise = async () => {
    for (let failures = 0; !stopped; ) {
      try {
        await current.runner.promise;
        if (stopped) return;
        log.warn("worker stopped by itself; starting it again");
      } catch (error) {
        if (stopped) return;
        log.warn({ err: (error as Error).message }, "worker stopped after an error; starting it again");
      }
      const held = current.poolIds;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAYS_MS[Math.min(failures++, RESTART_DELAYS_MS.length - 1)]));
        if (stopped) return;
        try {
          await unlock(pgPool, held);
          current = await start();
          failures = 0;
          log.info("worker is running again");
          break;
        } catch (error) {
          log.warn({ err: (error as Error).message }, "worker cannot start yet");
        }
      }
    }
  };
  const promise = supervise().finally(() => Promise.all([pgPool.end().catch(() => {}), unwatchDatabase()]));
  log.info({ tasks: Object.keys(taskList), mailer: options.mailer.kind }, "worker is running");
  return {
    promise,
    async stop() {
      stopped = true;
      await current.runner.stop().catch(() => {}); // already stopped after an error: nothing to do
      await promise;
    },
  };
}

/** Release the jobs a stopped worker pool still holds, so they run again now. */
async function unlock(pgPool: pg.Pool, poolIds: string[]) {
  if (poolIds.length === 0) return;
  const utils = await makeWorkerUtils({ pgPool });
  try {
    await utils.forceUnlockWorkers(poolIds);
  } finally {
    await utils.release();
  }
}
