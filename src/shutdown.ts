// Orderly shutdown on SIGINT / SIGTERM: each step in order, once. Ctrl-C in a
// terminal reaches npm and this process (and npm passes it on again), so the
// first signal starts the shutdown and later ones change nothing. A step that
// fails is logged and the remaining steps still run (the database is stopped
// even if the worker was not), then the process exits with 1. A shutdown that
// outlasts `deadlineMs` (a step that never settles: a stuck job, a pool that
// does not end) is logged and the process exits with 1 anyway, before the
// container runtime's own kill (docker's stop_grace_period) would cut it silently.
import type { Logger } from "./log.ts";

export interface ShutdownStep {
  name: string;
  stop(): Promise<void> | void;
}

export function stopOnSignals(
  steps: ShutdownStep[],
  options: {
    log: Logger;
    exit: (code: number) => void;
    /** Before exiting: write out the log (src/log.ts closeLogs). */
    closeLogs?: () => Promise<void>;
    /** Where signals arrive: the process, or a stand-in in tests. */
    signals?: Pick<NodeJS.EventEmitter, "on">;
    /** Bound on the whole shutdown; default none. */
    deadlineMs?: number;
  },
) {
  const { log, exit } = options;
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      log.info({ signal }, "shutting down");
      let failed = false;
      const done = new Set<ShutdownStep>();
      const deadline =
        options.deadlineMs === undefined
          ? undefined
          : setTimeout(() => {
              const step = steps.find((each) => !done.has(each))?.name;
              log.error({ deadlineMs: options.deadlineMs, step }, "shutdown did not finish in time: exiting");
              void (options.closeLogs?.() ?? Promise.resolve()).finally(() => exit(1));
            }, options.deadlineMs);
      for (const step of steps) {
        try {
          await step.stop();
        } catch (error) {
          failed = true;
          log.error({ err: error, step: step.name }, "shutdown step failed");
        }
        done.add(step);
      }
      clearTimeout(deadline);
      if (!failed) log.info("stopped");
      await options.closeLogs?.();
      exit(failed ? 1 : 0);
    })());
  const signals = options.signals ?? process;
  for (const signal of ["SIGINT", "SIGTERM"]) signals.on(signal, () => void shutdown(signal));
  return { shutdown };
}
