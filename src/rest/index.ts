// The seed's REST API: thin routes over the same SQL functions and the same
// roles as GraphQL, its OpenAPI document and docs page, and the one place REST
// errors are shaped: every non-2xx answer is `{ error: { code, message, field?, details? } }`.
import express, { type NextFunction, type Request, type Response } from "express";
import { AppError, appError, toAppError } from "../errors.ts";
import { boundedForLog, DEFAULT_LOG_URL_MAX_CHARS } from "../log.ts";
import { countThrottled } from "../metrics/index.ts";
import { accountRoutes } from "./accounts.ts";
import type { RestDeps } from "./context.ts";
import { clubRoutes } from "./clubs.ts";
import { eventRoutes } from "./events.ts";
import { docsRoutes } from "./openapi.ts";
import { operations } from "./operations.ts";
import { paymentRoutes, webhookRoutes } from "./payments.ts";
import { sessionRoutes } from "./sessions.ts";
import { singleSignOnRoutes } from "./single-sign-on.ts";
import { emailVerificationRoutes } from "./email-verification.ts";
import { passwordRoutes } from "./passwords.ts";
import { accountDataRoutes } from "./account-data.ts";
import { ticketRoutes } from "./tickets.ts";
import { waitlistRoutes } from "./waitlist.ts";

/** Where a REST field is named differently from its column (a Map: a client's field name is never a prototype key). */
const REST_FIELD_NAMES = new Map([["starts_at", "datetime"]]);

export function restRouter(deps: RestDeps) {
  const options = {
    payments: deps.payments.provider !== undefined,
    mock: deps.payments.mock !== undefined,
    singleSignOn: deps.singleSignOn !== undefined,
  };
  const router = express.Router();
  router.use(webhookRoutes(deps)); // raw body: before the JSON parser
  // Any JSON value is parsed, so a body that is valid JSON but not an object is
  // answered "must be a JSON object" rather than "not valid JSON".
  router.use(express.json({ limit: "64kb", strict: false }));
  router.use(refuseUnexpectedBodies(options));
  router.use(docsRoutes(options));
  router.use(accountRoutes(deps), sessionRoutes(deps), emailVerificationRoutes(deps), passwordRoutes(deps), accountDataRoutes(deps), singleSignOnRoutes(deps), eventRoutes(deps), clubRoutes(deps), ticketRoutes(deps), paymentRoutes(deps), waitlistRoutes(deps));
  router.use(unknownRoute(options));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = requestError(error) ?? toAppError(error, req.claims?.role ?? "anonymous");
    if (appError) {
      const body = appError.toJSON();
      if (body.field) body.field = REST_FIELD_NAMES.get(body.field) ?? body.field;
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

const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}/?$`);

/**
 * A route that takes no body refuses one, rather than ignoring it: a client
 * sending {"quantity": 3} to /book must learn that nothing reads it.
 */
function refuseUnexpectedBodies(options: Parameters<typeof operations>[0]) {
  const bodyless = operations(options)
    .filter((op) => !op.body && op.path !== "/webhooks/payments")
    .map((op) => ({ method: op.method.toUpperCase(), pattern: pathPattern(op.path) }));
  return (req: Request, _res: Response, next: NextFunction) => {
    const sent = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (sent && bodyless.some((op) => op.method === req.method && op.pattern.test(req.path))) {
      return next(appError("INVALID_INPUT:body_not_allowed", undefined, req.method, req.path));
    }
    next();
  };
}

/** 405 with Allow for a known path and another method; 404 for anything else. */
function unknownRoute(options: Parameters<typeof operations>[0]) {
  const patterns = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const op of [...operations(options), { path: "/openapi.json", method: "get" }, { path: "/docs", method: "get" }]) {
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
