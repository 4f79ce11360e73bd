// A request that waits too long for a pooled connection is told the truth:
// `503 BUSY` (with Retry-After) when every connection was busy with other
// requests against a database that is up, `503 DATABASE_UNAVAILABLE` when the
// wait was for a database that does not answer. pg-pool fails both waits with
// the same message; src/db/pools.ts tells them apart by what happened during the
// wait. REST and GraphQL alike, against real servers with a two-connection pool.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, graphql, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { createReleaseEvent } from "../helpers/release.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";

const POOL = { max: 2, connectionTimeoutMillis: 1_000 };
const QUERY = "{ upcomingEvents(first: 1) { nodes { id } } }";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await deleteRedisKeys(db.name);
  await db.drop();
});

/** The api pool's connections of this database that wait on a lock. */
async function apiConnectionsWaitingOnALock(): Promise<number> {
  const { rows } = await db.owner.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and application_name = 'ticketing:api' and wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

describe("every pooled connection busy, the database up", () => {
  let server: RunningServer;
  afterAll(() => server?.close());

  it("a request queued past the pool's wait answers 503 BUSY with Retry-After, on REST and GraphQL; /readyz stays ready", async () => {
    server = await startTestServer(db, { production: true, overrides: { apiPool: POOL } });
    const admin = await insertUser(db, "admin");
    const event = await createReleaseEvent(db, admin, "queue");
    const students = await insertUsers(db, 2, "student", { verified: true });

    // The event's release lock, held here: both students' joins take the pool's two
    // connections and wait inside PostgreSQL for it.
    const holder = await db.owner.connect();
    let joins: Promise<Response>[] = [];
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(hashtext('ticketing.release'), $1)", [event.id]);
      joins = students.map((s) =>
        fetch(`${server.url}/events/${event.id}/queue`, { method: "POST", headers: { authorization: `Bearer ${tokenFor(s)}` } }),
      );
      let settled = 0;
      for (const join of joins) void join.finally(() => settled++);
      // A wait on a condition (each turn a query), until both wait inside PostgreSQL, or one answered instead.
      while ((await apiConnectionsWaitingOnALock()) < 2 && settled === 0);
      expect(settled, "a join answered without waiting for the lock").toBe(0);

      const [rest, gql, ready] = await Promise.all([
        fetch(`${server.url}/events/${event.id}`),
        graphql(server.url, QUERY),
        fetch(`${server.url}/readyz`),
      ]);
      expect(rest.status).toBe(503);
      expect(rest.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await rest.json()) as any).error).toMatchObject({ code: "BUSY" });
      expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: "BUSY", retryAfter: expect.any(Number) });
      expect(ready.status).toBe(200);
      // Still queued behind the two held connections: nothing else took them.
      expect(await apiConnectionsWaitingOnALock()).toBe(2);
    } finally {
      await holder.query("commit");
      holder.release();
    }
    // The two that held the connections were served once the lock was free.
    for (const answer of await Promise.all(joins)) expect(answer.status, await answer.text()).toBeLessThan(300);
    const after = await fetch(`${server.url}/events/${event.id}`);
    expect(after.status).toBe(200);
  });
});

describe("a database that does not answer", () => {
  let server: RunningServer;
  let proxy: TcpProxy;
  afterAll(() => server?.close());

  it("answers 503 DATABASE_UNAVAILABLE to every request, queued ones included, and /readyz says so", async () => {
    proxy = await startTcpProxy("127.0.0.1", Number(new URL(db.ownerUrl).port || 5432));
    const authUrl = Object.assign(new URL(db.authUrl), { host: `127.0.0.1:${proxy.port}` }).toString();
    server = await startTestServer(db, { production: true, overrides: { apiPool: POOL, authUrl } });
    const event = await createReleaseEvent(db, await insertUser(db, "admin"), "queue");
    expect((await fetch(`${server.url}/events/${event.id}`)).status).toBe(200);
    expect((await graphql(server.url, QUERY)).body.errors).toBeUndefined(); // GraphQL's schema is built

    // Its open connections cut; new ones are accepted but never answered (a database
    // that is gone behind a network that still accepts the connection).
    proxy.delayConnections(60_000);
    await proxy.cut();
    await proxy.restore();

    // Three times the pool's size at once: two open connections that never finish,
    // the others queued behind them.
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => fetch(`${server.url}/events/${event.id}`)),
      graphql(server.url, QUERY),
      graphql(server.url, QUERY),
    ]);
    for (const answer of answers) {
      if (answer instanceof Response) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(((await answer.json()) as any).error.code).toBe("DATABASE_UNAVAILABLE");
      } else {
        expect(answer.body.errors?.[0]?.extensions, JSON.stringify(answer.body)).toMatchObject({ code: "DATABASE_UNAVAILABLE", retryAfter: expect.any(Number) });
      }
    }
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).error.code).toBe("DATABASE_UNAVAILABLE");
    proxy.delayConnections(0);
  });
});
