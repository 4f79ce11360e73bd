// The booking service's bounds (SECURITY.md; settings in src/config.ts).
export const defaultBookingLimits = {
  /**
   * Bookings one user may have in flight at once (BOOKING_MAX_IN_FLIGHT_PER_STUDENT).
   * Each booking of a distinct event takes its own lock and transaction, so
   * without a bound one student booking many events at once takes the booking
   * connections from everyone else. A person's client needs one or two (a
   * retry racing its original); past the bound: 429 TOO_MANY_BOOKINGS.
   */
  maxInFlightPerStudent: 4,
  /**
   * How long a batch waits for a booking connection (BOOKING_POOL_WAIT_MS)
   * before its bookings answer 503 BUSY: a batch holds its connection for
   * milliseconds, so a wait this long means the pool is saturated, and a quick
   * retryable answer beats a queue that grows. It holds the event's lock
   * meanwhile, so it must stay below the lock's TTL (config.ts checks).
   * Opening a connection is not this wait: it has the pools' usual bound
   * (BookingService.connectForBatch).
   */
  poolWaitMs: 1_000,
  /**
   * How long an event's fencing counter stays in Redis after its last lock
   * (BOOKING_FENCE_TTL_MS). Its expiry cannot break monotonicity: see lock.ts.
   */
  fenceTtlMs: 24 * 3_600_000,
};

export type BookingLimits = typeof defaultBookingLimits;
