// HTTP requests by route template, method and status class, and their
// durations. The route is what Express matched (`/events/:id/book`), one of
// the fixed paths we serve, or a class (static, unmatched): never a raw path,
// which a client could vary without end.
import type { NextFunction, Request, Response } from "express";
import { httpDuration, httpRequests } from "./registry.ts";

const STARTED = Symbol("metrics.started");
const FIXED = new Set(["/graphql", "/graphiql", "/healthz", "/readyz", "/metrics"]);
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"];

type Timed = Response & { [STARTED]?: number };

export function routeOf(req: Request): string {
  const path = req.route?.path;
  if (typeof path === "string") return `${req.baseUrl ?? ""}${path}`;
  if (FIXED.has(req.path)) return req.path;
  // The web app's pages and assets (src/http/web-app.ts) answer GETs that no route matched.
  if ((req.method === "GET" || req.method === "HEAD") && req.res?.statusCode !== 404) return "static";
  return "unmatched";
}

function finished(this: Timed) {
  const req = this.req as Request;
  const route = routeOf(req);
  const method = METHODS.has(req.method) ? req.method : "OTHER";
  const statusClass = STATUS_CLASSES[Math.floor(this.statusCode / 100) - 1] ?? "other";
  httpRequests.inc({ route, method, status_class: statusClass });
  httpDuration.observe({ route, method }, (performance.now() - this[STARTED]!) / 1000);
}

/** Express middleware, first in the chain: every answer is counted once it is written. */
export function countRequests(_req: Request, res: Response, next: NextFunction) {
  (res as Timed)[STARTED] = performance.now();
  res.once("finish", finished);
  next();
}
