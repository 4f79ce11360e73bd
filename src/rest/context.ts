// What every REST route needs: run SQL as the caller's role, and refuse
// anonymous callers where a sign-in is required.
import type { NextFunction, Request, Response } from "express";
import type pg from "pg";
import type { EndedSessions } from "../auth/ended-sessions.ts";
import type { JwtSettings } from "../auth/jwt.ts";
import type { SingleSignOn } from "../auth/single-sign-on.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { clientAddress } from "../http/client-address.ts";
import type { BookingService } from "../booking/service.ts";
import type { PaymentService } from "../payments/service.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, appError } from "../errors.ts";
import type { Logger } from "../log.ts";

export interface RestDeps {
  pool: pg.Pool;
  jwt: JwtSettings;
  /** Routes that end a session answer once this process refuses its token (`caughtUp`). */
  endedSessions: Pick<EndedSessions, "caughtUp">;
  log: Logger;
  /** How much of a path an error line keeps (LOG_URL_MAX_CHARS). */
  logUrlMaxChars?: number;
  booking: BookingService;
  payments: PaymentService;
  paymentWebhookSecret: string;
  /** Signing in with the college's account, when OIDC_* is set. */
  singleSignOn?: SingleSignOn;
  /** PUBLIC_URL: where browsers reach the site (redirects of single sign-on). */
  publicUrl: () => string;
}

export function asCaller<T>(pool: pg.Pool, req: Request, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPgSettings(pool, pgSettingsFor(req.claims ?? null, clientAddress(req)), work);
}

export function requireSignIn(req: Request, _res: Response, next: NextFunction) {
  if (!req.claims) throw appError("UNAUTHENTICATED");
  next();
}
