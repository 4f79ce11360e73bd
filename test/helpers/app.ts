// The real server, in this process, on a free port, against a test database.
import { startServer, type RunningServer, type ServerOptions } from "../../src/server.ts";
import { log } from "../../src/log.ts";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { insertUser, testJwt, tokenFor } from "./fixtures.ts";

export const testPaymentSecret = "test-payment-webhook-secret-at-least-32-chars";

/** Redis for tests: the machine's (REDIS_URL), keys namespaced per test database. */
export const testRedisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

export async function startTestServer(
  db: TestDatabase,
  options: {
    redisUrl?: string | null;
    waitMs?: number;
    corsOrigins?: string[];
    /** Serve as NODE_ENV=production does (the hostile tests run this way). */
    production?: boolean;
    /** Any other server option, as a deployment would set it. */
    overrides?: Partial<ServerOptions>;
  } = {},
): Promise<RunningServer> {
  return startServer(
    {
      authUrl: db.authUrl,
      jwt: testJwt,
      production: options.production ?? false,
      log: log.child({}, { level: "warn" }),
      paymentWebhookSecret: testPaymentSecret,
      corsOrigins: options.corsOrigins,
      lock: {
        redisUrl: options.redisUrl === null ? undefined : (options.redisUrl ?? testRedisUrl),
        redisPrefix: db.name,
        ttlMs: 5_000,
        waitMs: options.waitMs ?? 5_000,
      },
      ...options.overrides,
    },
    0,
  );
}

/** Remove the lock and fencing keys a test database's servers left in the shared Redis. */
export async function deleteRedisKeys(prefix: string) {
  const redis = new Redis(testRedisUrl);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** A fresh database and a running server for one test file, plus an admin's token. */
export function useTestServer(options: Parameters<typeof startTestServer>[1] = {}) {
  const context = {} as { db: TestDatabase; server: RunningServer; adminToken: string };
  beforeAll(async () => {
    context.db = await createTestDatabase();
    context.server = await startTestServer(context.db, options);
    context.adminToken = tokenFor(await insertUser(context.db, "admin"));
  });
  afterAll(async () => {
    await context.server?.close();
    if (context.db) await deleteRedisKeys(context.db.name);
    await context.db?.drop();
  });
  return context;
}

export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function graphql<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<JsonResponse<{ data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] }>> {
  return request(baseUrl, "POST", "/graphql", { token, body: { query, variables } });
}
