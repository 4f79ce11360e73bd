// The REST API's router, built from the route table (src/rest/routes.ts): each
// route's input is read and its access checked before its handler runs; its
// OpenAPI document and docs page; and the one place REST errors are shaped:
// every non-2xx answer is `{ error: { code, message, field?, details? } }`.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { AppError, appError, toAppError } from "../errors.ts";
import { boundedForLog, DEFAULT_LOG_URL_MAX_CHARS } from "../log.ts";
import { countThrottled } from "../metrics/index.ts";
import type { RestDeps } from "./context.ts";
import { restName } from "./field-names.ts";
import { parseBody, parseId, parseQuery } from "./input.ts";
import { docsRoutes } from "./openapi.ts";
import type { Access, Route, RouteOptions } from "./route.ts";
import { routesFor } from "./routes.ts";

function optionsOf(deps: RestDeps): RouteOptions {
  return { payments: deps.payments.provider !== undefined, mock: deps.payments.mock !== undefined, singleSignOn: deps.singleSignOn !== undefined };
}

/** Express's form of a path: `/events/{id}` → `/events/:id`. */
const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

/** The handler, given the request read and checked. */
function handler(route: Route, deps: RestDeps): RequestHandler {
  return async (req, res) => {
    const id = route.id ? parseId(req.params.id, route.id) : 0;
    const ids = Object.fromEntries(Object.entries(route.ids ?? {}).map(([name, what]) => [name, parseId(req.params[name], what)]));
    const body = route.body ? parseBody(route.body, req) : undefined;
    const query = route.query ? parseQuery(route.query, req) : undefined;
    await route.handle({ req, res, deps, id, ids, body, query });
  };
}

/** The health checks, served first (ahead of authentication and the web app): a probe depends on nothing else. */
export function healthRouter(deps: RestDeps) {
  const router = express.Router();
  for (const route of routesFor(optionsOf(deps)).filter((route) => route.first)) router[route.method](expressPath(route.path), handler(route, deps));
  return router;
}

/** Every other route of the table, its 404/405 answers and its error envelope. */
export function restRouter(deps: RestDeps) {
  const options = optionsOf(deps);
  const routes = routesFor(options);
  const router = express.Router();
  // Raw bodies (a signature covers the bytes): before the JSON parser.
  for (const route of routes.filter((route) => route.rawBody)) {
    router[route.method](expressPath(route.path), express.raw({ type: "*/*", limit: "64kb" }), allow(route), handler(route, deps));
  }
  // Uploads (a file as the body): the access first, then the media type and size, then the bytes.
  for (const route of routes.filter((route) => route.upload)) {
    router[route.method](expressPath(route.path), allow(route), uploadBody(route.upload!), handler(route, deps));
  }
  // Any JSON value is parsed, so a body that is valid JSON but not an object is
  // answered "must be a JSON object" rather than "not valid JSON".
  router.use(express.json({ limit: "64kb", strict: false }));
  router.use(docsRoutes(options));
  for (const route of routes.filter((route) => !route.rawBody && !route.first && !route.upload)) {
    const checks = route.body ? [allow(route)] : [refuseBody, allow(route)];
    router[route.method](expressPath(route.path), ...checks, handler(route, deps));
  }
  router.use(unknownRoute(routes));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = requestError(error) ?? toAppError(error, req.claims?.role ?? "anonymous");
    if (appError) {
      const body = appError.toJSON();
      if (body.field) body.field = restName(body.field);
      if (appError.status === 429) countThrottled(appError.code, "rest");
      if (appError.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(appError.retryAfterSeconds));
      res.status(appError.status).json({ error: body });
      return;
    }
    deps.log.error({ err: error, path: boundedForLog(req.path, deps.logUrlMaxChars ?? DEFAULT_LOG_URL_MAX_CHARS) }, "unexpected error");
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } });
  });
  return router;
}

/** Access that asks for a token; the rest is proven by what the request carries, or needs nothing. */
const SIGNED_IN: ReadonlySet<Access> = new Set(["signed-in", "student", "admin", "club-owner", "club-manager", "club-staff"]);

/**
 * The route's access, from the caller's token: 401 without one, 403 when the
 * route is for the other role (its `refusal`, the words the database would use).
 * A club role is a row, not a claim: the database decides it (403 from SQL).
 * The database checks every role again.
 */
function allow(route: Route): RequestHandler {
  return (req, _res, next) => {
    if (!SIGNED_IN.has(route.access)) return next();
    if (!req.claims) throw appError("UNAUTHENTICATED");
    if ((route.access === "student" || route.access === "admin") && req.claims.role !== route.access) throw appError(route.refusal ?? "FORBIDDEN");
    next();
  };
}

/** An upload's body as bytes: its media type one of the route's (else 415), its size within the bound (else 413). */
function uploadBody(upload: NonNullable<Route["upload"]>): RequestHandler {
  const read = express.raw({ type: () => true, limit: upload.maxBytes });
  return (req, res, next) => {
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (!upload.mediaTypes.includes(type)) return next(appError(upload.unsupported));
    // A Content-Length past the bound is refused before a byte is read; a body that grows past it, as soon as it does.
    read(req, res, (error?: unknown) => {
      const tooLarge = (error as { type?: string } | undefined)?.type === "entity.too.large";
      next(tooLarge ? appError(upload.tooLarge, undefined, upload.maxBytes / (1024 * 1024)) : error);
    });
  };
}

/**
 * A route that takes no body refuses one, rather than ignoring it: a client
 * sending {"quantity": 3} to /book must learn that nothing reads it.
 */
function refuseBody(req: Request, _res: Response, next: NextFunction) {
  const sent = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (sent) throw appError("INVALID_INPUT:body_not_allowed", undefined, req.method, req.path);
  next();
}

const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}/?$`);

/** 405 with Allow for a known path and another method; 404 for anything else. */
function unknownRoute(routes: Route[]) {
  const patterns = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const op of [...routes, { path: "/openapi.json", method: "get" }, { path: "/docs", method: "get" }]) {
    const entry = patterns.get(op.path) ?? { pattern: pathPattern(op.path), methods: [] };
    entry.methods.push(op.method.toUpperCase());
    if (op.method === "get") entry.methods.push("HEAD");
    patterns.set(op.path, entry);
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = [...patterns.values()].filter((entry) => entry.pattern.test(req.path)).flatMap((entry) => entry.methods);
    if (allowed.length === 0) return next(appError("NOT_FOUND:route", undefined, req.method, req.path));
    res.setHeader("Allow", allowed.join(", "));
    next(appError("METHOD_NOT_ALLOWED", undefined, req.method, req.path, allowed.join(" or ")));
  };
}

/** What Express or its body reader refused as the client's doing. */
function requestError(error: unknown): AppError | undefined {
  // Express could not decode a path parameter (`/events/%E0%A4%A`): the client's URL, not our bug.
  if (error instanceof URIError && (error as URIError & { status?: number }).status === 400) {
    return appError("INVALID_INPUT:path_encoding");
  }
  const type = (error as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") return appError("INVALID_INPUT:json");
  if (type === "entity.too.large") return appError("PAYLOAD_TOO_LARGE");
  if (type === "charset.unsupported") return appError("UNSUPPORTED_MEDIA_TYPE:charset");
  if (type === "encoding.unsupported") {
    return appError("UNSUPPORTED_MEDIA_TYPE:encoding");
  }
  // Anything else the body reader refused as the client's doing (a "gzip" body that
  // is not gzip, a body shorter than its Content-Length, an aborted upload).
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (expose === true && typeof status === "number" && status >= 400 && status < 500) {
    const { code, message } = appError(status === 400 ? "INVALID_INPUT:unreadable" : "BAD_REQUEST");
    return new AppError(status, code, message);
  }
  return undefined;
}
