// What an API process serves with, built once at start and handed down to
// GraphQL, REST and the websocket endpoint (src/server.ts): the database pools,
// live availability, queue entries and ended sessions (LISTEN), the booking lock, booking and
// payments. stop() ends them in the order they depend on each other.
import type pg from "pg";
import { EndedSessions } from "./auth/ended-sessions.ts";
import type { JwtSettings } from "./auth/jwt.ts";
import { SingleSignOn, type SingleSignOnSettings } from "./auth/single-sign-on.ts";
import { availabilitySource } from "./availability/source.ts";
import { AvailabilityStreams } from "./availability/streams.ts";
import { AvailabilityCache } from "./booking/availability-cache.ts";
import { makeLockIssuer, type LockSettings } from "./booking/issuer.ts";
import { defaultBookingLimits, type BookingLimits } from "./booking/limits.ts";
import { RedisLockIssuer } from "./booking/lock.ts";
import { BookingService } from "./booking/service.ts";
import { assertNamedStatementsOff } from "./db/poolers.ts";
import { makePool, type PoolOptions } from "./db/pools.ts";
import { makeDocumentBudget, type DocumentBudget, type GraphqlLimits } from "./graphql/limits/index.ts";
import type { Logger } from "./log.ts";
import { watchLockIssuer } from "./metrics/index.ts";
import { makePaymentProvider, type PaymentProviderName } from "./payments/make-provider.ts";
import { PaymentService } from "./payments/service.ts";
import { QueueEntryStreams } from "./release/queue-streams.ts";

export interface ServiceOptions {
  authUrl: string;
  /** The LISTEN connection: never a transaction pooler (default authUrl). */
  listenUrl?: string;
  /** false when authUrl is a transaction pooler: no named prepared statements (src/db/poolers.ts). */
  preparedStatements?: boolean;
  jwt: JwtSettings;
  production: boolean;
  log: Logger;
  lock: LockSettings & { waitMs: number };
  booking?: Partial<Pick<BookingLimits, "maxInFlightPerStudent" | "poolWaitMs">>;
  paymentWebhookSecret: string;
  paymentProvider?: PaymentProviderName;
  singleSignOn?: SingleSignOnSettings;
  graphqlLimits: Pick<GraphqlLimits, "newDocumentTokens" | "newDocumentWindowSeconds">;
  /** The api pool's size and connection wait (default 10 connections, 5 s). */
  apiPool?: Partial<Pick<PoolOptions, "max" | "connectionTimeoutMillis">>;
}

export interface Services {
  /** PostGraphile, REST and payments share it. */
  pool: pg.Pool;
  /** GET /readyz's: one connection, one-second bounds. */
  healthPool: pg.Pool;
  /** The JWT settings with the ended sessions this process refuses. */
  jwt: JwtSettings;
  endedSessions: EndedSessions;
  availability: AvailabilityStreams;
  /** Students' queue entries, live (the queueEntry subscription). */
  queueEntries: QueueEntryStreams;
  availabilityCache: AvailabilityCache;
  booking: BookingService;
  payments: PaymentService;
  /** Each client's budget of GraphQL documents new to a process. */
  documentBudget: DocumentBudget;
  singleSignOn?: SingleSignOn;
  stop(): Promise<void>;
}

export async function startServices(options: ServiceOptions): Promise<Services> {
  const { log } = options;
  if (options.preparedStatements === false) assertNamedStatementsOff();
  // Each pool created once here (src/db/pools.ts: each survives a terminated
  // backend). Booking batches (from REST and GraphQL alike) have their own, so
  // no amount of reading, however heavy, takes a booking's connection; live
  // availability has one LISTEN connection and a small pool for current values;
  // the readiness check has one connection.
  const pool = makePool("api", options.authUrl, { max: 10, ...options.apiPool }, log);
  const bookingLimits = { ...defaultBookingLimits, ...options.booking };
  const bookingPool = makePool(
    "booking",
    options.authUrl,
    // The service bounds the wait for a taken connection itself (BOOKING_POOL_WAIT_MS, then BUSY);
    // the pool's own timeout must not cut that wait short.
    { max: 10, connectionTimeoutMillis: Math.max(5_000, 2 * bookingLimits.poolWaitMs) },
    log,
  );
  const availabilityPool = makePool("availability", options.authUrl, { max: 2 }, log);
  const healthPool = makePool("health", options.authUrl, { max: 1, connectionTimeoutMillis: 1_000, queryTimeoutMillis: 1_000 }, log);
  const currentAvailability = availabilitySource(availabilityPool);
  const availability = new AvailabilityStreams(options.listenUrl ?? options.authUrl, currentAvailability, log);
  // Queue entries, followed the same way: one LISTEN, one read per change of a line (reads on the same small pool).
  const queueEntries = new QueueEntryStreams(options.listenUrl ?? options.authUrl, availabilityPool, log);
  // Ended sessions, followed like availability (LISTEN): a token is checked against them in memory.
  const endedSessions = new EndedSessions(options.listenUrl ?? options.authUrl, pool, log);
  await endedSessions.start();
  const jwt: JwtSettings = { ...options.jwt, endedSessions };
  // The booking cache also reads events it has not heard of there (never a booking connection).
  const availabilityCache = new AvailabilityCache();
  availabilityCache.follow(availability, currentAvailability, log);
  const issuer = await makeLockIssuer(options.lock, log);
  const unwatchIssuer = watchLockIssuer(issuer);
  // In Redis (on the lock issuer's connection) when there is one, so instances share it.
  const documentBudget = makeDocumentBudget({
    tokens: options.graphqlLimits.newDocumentTokens,
    windowSeconds: options.graphqlLimits.newDocumentWindowSeconds,
    redis: issuer instanceof RedisLockIssuer ? issuer.redis : undefined,
    prefix: options.lock.redisPrefix,
  });
  const paymentProvider = makePaymentProvider(options.paymentProvider ?? (options.production ? "none" : "mock"), {
    webhookSecret: options.paymentWebhookSecret,
    log,
  });
  const booking = new BookingService({
    pool: bookingPool,
    issuer,
    availability: availabilityCache,
    waitMs: options.lock.waitMs,
    log,
    paymentsEnabled: paymentProvider !== undefined,
    maxInFlightPerStudent: bookingLimits.maxInFlightPerStudent,
    poolWaitMs: bookingLimits.poolWaitMs,
  });
  const payments = new PaymentService(pool, paymentProvider, log);
  const singleSignOn = options.singleSignOn && new SingleSignOn(options.singleSignOn, options.jwt.secret, log);

  return {
    pool, healthPool, jwt, endedSessions, availability, queueEntries, availabilityCache, booking, payments, documentBudget, singleSignOn,
    async stop() {
      await availabilityCache.stop();
      await availability.stop();
      await queueEntries.stop();
      await endedSessions.stop();
      for (const each of [pool, bookingPool, availabilityPool, healthPool]) await each.end();
      unwatchIssuer();
      await issuer.close();
      await paymentProvider?.close();
    },
  };
}
