// The seed's REST API: thin routes over the same SQL functions and the same
// roles as GraphQL, and the one place REST errors are shaped.
import express, { type NextFunction, type Request, type Response } from "express";
import { AppError, toAppError } from "../errors.ts";
import { accountRoutes } from "./accounts.ts";
import type { RestDeps } from "./context.ts";
import { eventRoutes } from "./events.ts";
import { paymentRoutes, webhookRoutes } from "./payments.ts";
import { ticketRoutes } from "./tickets.ts";
import { waitlistRoutes } from "./waitlist.ts";

/** Where a REST field is named differently from its column. */
const REST_FIELD_NAMES: Record<string, string> = { starts_at: "datetime" };

export function restRouter(deps: RestDeps) {
  const router = express.Router();
  router.use(webhookRoutes(deps)); // raw body: before the JSON parser
  router.use(express.json({ limit: "64kb" }));
  router.use(accountRoutes(deps), eventRoutes(deps), ticketRoutes(deps), paymentRoutes(deps), waitlistRoutes(deps));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = bodyParserError(error) ?? toAppError(error, req.claims?.role ?? "anonymous");
    if (appError) {
      const body = appError.toJSON();
      if (body.field) body.field = REST_FIELD_NAMES[body.field] ?? body.field;
      if (appError.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(appError.retryAfterSeconds));
      res.status(appError.status).json({ error: body });
      return;
    }
    deps.log.error({ err: error, path: req.path }, "unexpected error");
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } });
  });
  return router;
}

function bodyParserError(error: unknown): AppError | undefined {
  const type = (error as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") return new AppError(400, "INVALID_INPUT", "The request body is not valid JSON.");
  if (type === "entity.too.large") return new AppError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
  return undefined;
}
