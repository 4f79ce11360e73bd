// Structured logs. Secrets and passwords are redacted wherever they appear.
import { AsyncLocalStorage } from "node:async_hooks";
import { pino } from "pino";
import { PinoPretty } from "pino-pretty";

// Asynchronous writes: a log line never blocks a request. Exits go through
// exitProcess so the last lines are not lost.
const destination = pino.destination({ dest: 1, sync: false });

// An unknown LOG_LEVEL is reported by the configuration check (src/config.ts)
// in its own words; until then, log at info rather than crash here.
const requested = process.env.LOG_LEVEL;
const level = requested && Object.hasOwn(pino.levels.values, requested) ? requested : requested === "silent" ? "silent" : "info";

/**
 * What every line logged while handling one HTTP request or websocket
 * connection carries, however deep in the call stack it is written (booking,
 * GraphQL error masking, a library logging through us): its request id, its
 * GraphQL operation name, its websocket connection id. Set by
 * src/http/request-context.ts.
 */
export interface LogContext {
  reqId?: string;
  operation?: string;
  connId?: string;
}
export const logContext = new AsyncLocalStorage<LogContext>();

/** The options of every logger of ours (tests make one with their own destination). */
export const logOptions = {
  redact: {
    // Request lines carry no headers at all (src/server.ts); these catch the rest.
    paths: ["password", "*.password", "token", "*.token"],
    censor: "[redacted]",
  },
  // A fresh object each time: pino merges the line's own fields into it.
  mixin: () => ({ ...logContext.getStore() }),
} satisfies pino.LoggerOptions;

/**
 * JSON lines (what log collectors read) unless a person is watching: in a
 * terminal, outside production, lines are printed readably. LOG_FORMAT=json or
 * pretty decides instead (checked in src/config.ts).
 */
export function prettyLogsWanted(env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): boolean {
  if (env.LOG_FORMAT === "pretty") return true;
  if (env.LOG_FORMAT === "json") return false;
  return isTty && env.NODE_ENV !== "production";
}

// pino-pretty writes into the same asynchronous destination, so flushing and closing work alike.
const output = prettyLogsWanted()
  ? PinoPretty({
      destination,
      colorize: Boolean(process.stdout.isTTY),
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname",
      singleLine: true,
    })
  : destination;

export const log = pino({ level, ...logOptions }, output);

/** How much of a client-chosen URL a log line keeps by default (LOG_URL_MAX_CHARS). */
export const DEFAULT_LOG_URL_MAX_CHARS = 512;

/**
 * Text a client chose (a URL, a path), cut to `max` characters for a log line,
 * saying how long it was: a 15 KB URL per request would otherwise make the log
 * a client's to fill.
 */
export function boundedForLog(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars)`;
}

export type Logger = typeof log;

/**
 * Write out every line, in order, and close the log (an orderly shutdown's last
 * step). exitProcess's flushSync alone can put buffered lines ahead of a write
 * that is still in flight.
 */
export function closeLogs(): Promise<void> {
  return new Promise((resolve) => {
    destination.once("close", () => resolve());
    destination.end();
  });
}

export function exitProcess(code: number): never {
  try {
    destination.flushSync();
  } catch {
    // not open yet: nothing was written
  }
  process.exit(code);
}
