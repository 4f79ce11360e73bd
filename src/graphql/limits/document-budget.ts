// What each client may spend on GraphQL documents this process has not seen
// (documents.ts says which those are and what each costs). Counted in Redis
// when there is one, so every instance takes from one budget per client; in
// memory otherwise (one instance), and while Redis is away.
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface DocumentBudget {
  /** Takes `tokens` from the client's budget: undefined when they were there, else the seconds until the window ends. */
  spend(client: string, tokens: number): Promise<number | undefined>;
}

export interface DocumentBudgetSettings {
  /** Tokens per client per window. */
  tokens: number;
  windowSeconds: number;
  /** The shared budget's store; without it, this process's memory. */
  redis?: Redis;
  /** Namespaces the Redis keys (REDIS_PREFIX). */
  prefix?: string;
}

export function makeDocumentBudget({ tokens, windowSeconds, redis, prefix = "ticketing" }: DocumentBudgetSettings): DocumentBudget {
  const memory = new RateLimiterMemory({ points: tokens, duration: windowSeconds });
  const limiter = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:graphql-new-documents`,
        points: tokens,
        duration: windowSeconds,
        // Redis away (its commands fail at once, src/booking/lock.ts): count in memory meanwhile.
        insuranceLimiter: memory,
        // A client past its budget is refused from memory until its window ends: no Redis round trip per refusal.
        inMemoryBlockOnConsumed: tokens + 1,
      })
    : memory;
  return {
    async spend(client, cost) {
      try {
        await limiter.consume(client, cost);
        return undefined;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      }
    },
  };
}
