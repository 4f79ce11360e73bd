// graphile-worker: jobs queued by SQL (triggers and functions) run here.
import { Logger as WorkerLogger, run, type Runner } from "graphile-worker";
import type { Logger } from "../log.ts";
import type { Mailer } from "../notifications/mailer.ts";
import { crontab, makeTaskList } from "./tasks.ts";

export async function startWorker(options: { ownerUrl: string; mailer: Mailer; log: Logger; concurrency?: number }): Promise<Runner> {
  const { log } = options;
  const taskList = makeTaskList(options.mailer);
  const runner = await run({
    connectionString: options.ownerUrl,
    concurrency: options.concurrency ?? 4,
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
  log.info({ tasks: Object.keys(taskList), mailer: options.mailer.kind }, "worker is running");
  return runner;
}
