// graphile-worker: jobs queued by SQL (triggers and functions) run here.
import { run, type Runner } from "graphile-worker";
import type { Logger } from "../log.ts";
import { taskList } from "./tasks.ts";

export async function startWorker(ownerUrl: string, log: Logger, concurrency = 4): Promise<Runner> {
  const runner = await run({ connectionString: ownerUrl, concurrency, taskList, noHandleSignals: true });
  log.info({ tasks: Object.keys(taskList), concurrency }, "worker is running");
  return runner;
}
