// graphile-worker: jobs queued by SQL (triggers and functions) run here.
import { Logger as WorkerLogger, run, type Runner } from "graphile-worker";
import { makePool } from "../db/pools.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../notifications/mailer.ts";
import type { PaymentProvider } from "../payments/provider.ts";
import { crontab, makeTaskList } from "./tasks.ts";

export async function startWorker(options: {
  ownerUrl: string;
  mailer: Mailer;
  log: Logger;
  concurrency?: number;
  /** The configured payment provider (refunds, pruning); the caller closes it. */
  payments?: PaymentProvider;
}): Promise<Runner> {
  const { log } = options;
  const taskList = makeTaskList(options.mailer, options.payments);
  const concurrency = options.concurrency ?? 4;
  // Our pool (src/db/pools.ts): a terminated backend is logged, not fatal.
  // Room for every job, graphile-worker's LISTEN connection and its crontab.
  const pgPool = makePool("worker", options.ownerUrl, { max: concurrency + 3 }, log);
  const runner = await run({
    pgPool,
    concurrency,
    taskList,
    crontab,
    noHandleSignals: true,
    // One structured line per job (graphile-worker logs start and completion).
    logger: new WorkerLogger((scope) => (level, message) => {
      const line = { worker: scope.workerId, task: scope.taskIdentifier, job: scope.jobId };
      if (level === "error") log.error(line, message);
      else if (level === "warning") log.warn(line, message);
      else if (level === "info") log.info(line, message);
      else log.debug(line, message);
    }),
  });
  void runner.promise.finally(() => pgPool.end()).catch(() => {}); // a pool passed in is ours to close
  log.info({ tasks: Object.keys(taskList), mailer: options.mailer.kind }, "worker is running");
  return runner;
}
