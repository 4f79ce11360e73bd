// What every REST route is handed (RestDeps), and running SQL as the caller's role.
import type { Request } from "express";
import type pg from "pg";
import type { EndedSessions } from "../auth/ended-sessions.ts";
import type { JwtSettings } from "../auth/jwt.ts";
import type { SingleSignOn } from "../auth/single-sign-on.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { clientAddress } from "../http/client-address.ts";
import type { BookingService } from "../booking/service.ts";
import type { PaymentService } from "../payments/service.ts";
import { withPgSettings } from "../db/with-settings.ts";
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
  /** GET /readyz's own pool: one connection, one-second bounds. */
  healthPool: pg.Pool;
  /** The server is shutting down: GET /readyz answers 503 at once. */
  draining: () => boolean;
}

export function asCaller<T>(pool: pg.Pool, req: Request, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPgSettings(pool, pgSettingsFor(req.claims ?? null, clientAddress(req)), work);
}
