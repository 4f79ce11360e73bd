// Where /metrics is served, and to whom (README "Operating", SECURITY.md):
//   * METRICS_TOKEN set: on the main port, to requests with `Authorization: Bearer <token>`
//     (compared in constant time); any other request gets 401.
//   * METRICS_PORT set: on a listener of its own at METRICS_HOST (default 127.0.0.1),
//     for a Prometheus on the same host or network; the token, if set, is required there too.
//   * neither: on the main port without a token in development and tests (convenience),
//     not at all in production (the main port answers 404, as for any unknown path).
// The worker process (`npm run worker`) serves its metrics only on METRICS_PORT.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import { databaseMetrics } from "./database.ts";
import { registry } from "./registry.ts";

export interface MetricsSettings {
  /** Bearer token required to read /metrics (METRICS_TOKEN). */
  token?: string;
  /** A listener of its own for /metrics (METRICS_PORT; 0 picks a free port, for tests). */
  port?: number;
  /** Where that listener binds (METRICS_HOST); default 127.0.0.1. */
  host?: string;
}

/** Whether the main port serves /metrics: with a token always; otherwise only outside production, and only without a port of its own. */
export function servedOnMainPort(settings: MetricsSettings, production: boolean): boolean {
  if (settings.token) return true;
  return settings.port === undefined && !production;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time check of `Authorization: Bearer <token>` (digests first: equal lengths, whatever was sent). */
export function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const sent = header?.startsWith("Bearer ") ? header.slice(7) : "";
  return timingSafeEqual(digest(sent), digest(token));
}

function refuse(res: ServerResponse, status: number, code: string, message: string) {
  res.statusCode = status;
  if (status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ error: { code, message } }));
}

/** GET /metrics (any framework: a plain Node handler). */
export function metricsHandler(settings: MetricsSettings, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!authorized(req.headers.authorization, settings.token)) {
      return refuse(res, 401, "UNAUTHENTICATED", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.");
    }
    Promise.all([registry.metrics(), databaseMetrics()]).then(
      ([text, database]) => {
        res.setHeader("Content-Type", registry.contentType);
        res.setHeader("Cache-Control", "no-store");
        res.end(text + database);
      },
      (error: Error) => {
        log.error({ err: error }, "collecting metrics failed");
        refuse(res, 500, "INTERNAL", "Collecting the metrics failed; see the server's log.");
      },
    );
  };
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** The listener of its own (METRICS_PORT): /metrics and nothing else. */
export async function startMetricsListener(settings: MetricsSettings & { port: number }, log: Logger): Promise<MetricsListener> {
  const handle = metricsHandler(settings, log);
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/metrics" && (req.method === "GET" || req.method === "HEAD")) return handle(req, res);
    refuse(res, 404, "NOT_FOUND", "Only GET /metrics is served here.");
  });
  const host = settings.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/metrics`;
  log.info({ url }, "metrics are served");
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
