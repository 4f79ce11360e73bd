// A database that is there but refuses new connections (its connection limit
// reached: 53300; not accepting connections: 55000) is unavailable, not a bug
// of ours: REST and GraphQL answer 503 DATABASE_UNAVAILABLE with Retry-After,
// nothing is logged as an unexpected error, and service resumes once it
// accepts connections again. Against a production-mode server, through HTTP.
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { withDatabase } from "../../src/tooling/databases.ts";
import { graphql, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const logLines: { level: number; msg: string; pool?: string }[] = [];
const log = pino({ level: "warn" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
const t = useTestServer({ production: true, overrides: { log } });

/** The maintenance database: ALLOW_CONNECTIONS cannot be changed from inside the database itself. */
let admin: pg.Client;
beforeAll(async () => {
  admin = new pg.Client({ connectionString: withDatabase(inject("pgAdminUrl"), "postgres") });
  await admin.connect();
});
afterAll(async () => {
  await admin?.query(`alter database ${t.db.name} with allow_connections true connection limit -1`);
  await admin?.end();
});

/**
 * End the server's open connections (as a restart of the database would) and
 * wait until its api pool has let go of every idle one, so the next request
 * must open a new connection.
 */
async function serverHoldsNoConnection() {
  const { rows } = await t.db.owner.query<{ pool: string }>(
    `select substr(application_name, 11) as pool, pg_terminate_backend(pid, 5000)
     from pg_stat_activity where datname = current_database() and application_name like 'ticketing:%'`,
  );
  const api = rows.filter((row) => row.pool === "api").length;
  const seen = () => logLines.filter((line) => line.msg === "idle database connection failed" && line.pool === "api").length;
  const before = seen() - api; // lines of earlier terminations stay in logLines
  for (let i = 0; i < 500 && seen() - before < api; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(seen() - before).toBeGreaterThanOrEqual(api);
}

const QUERY = "{ upcomingEvents(first: 1) { nodes { id name } } }";

async function expectUnavailable(eventId: number, token: string) {
  for (const path of ["/events", `/events/${eventId}`]) {
    const rest = await fetch(`${t.server.url}${path}`);
    expect(rest.status, path).toBe(503);
    expect(rest.headers.get("retry-after"), path).toMatch(/^\d+$/);
    expect(((await rest.json()) as any).error.code, path).toBe("DATABASE_UNAVAILABLE");
  }
  const booking = await fetch(`${t.server.url}/events/${eventId}/book`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  expect(booking.status).toBe(503);
  expect(((await booking.json()) as any).error.code).toBe("DATABASE_UNAVAILABLE");

  const gql = await graphql(t.server.url, QUERY);
  expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: "DATABASE_UNAVAILABLE", retryAfter: expect.any(Number) });
}

async function expectServing(eventId: number) {
  let answer: Response | undefined;
  // The pool opens a new connection for the first request: no waiting needed, but allow a restart's few retries.
  for (let i = 0; i < 50 && answer?.status !== 200; i++) answer = await fetch(`${t.server.url}/events/${eventId}`);
  expect(answer?.status).toBe(200);
  const gql = await graphql(t.server.url, QUERY);
  expect(gql.body.errors).toBeUndefined();
}

describe("a database that refuses new connections", () => {
  it("answers 503 DATABASE_UNAVAILABLE with Retry-After at its connection limit (53300) and when closed to connections (55000)", async () => {
    const event = await insertEvent(t.db);
    const token = tokenFor(await insertUser(t.db));
    await expectServing(event.id); // GraphQL's schema is built, connections are open

    // Its connection limit reached (ours is 0: superusers, such as the test's owner pool, are exempt).
    await t.db.owner.query(`alter database ${t.db.name} with connection limit 0`);
    await serverHoldsNoConnection();
    const refusals = logLines.length;
    await expectUnavailable(event.id, token);
    await t.db.owner.query(`alter database ${t.db.name} with connection limit -1`);
    await expectServing(event.id);

    // Not accepting connections at all.
    await admin.query(`alter database ${t.db.name} with allow_connections false`);
    await serverHoldsNoConnection();
    await expectUnavailable(event.id, token);
    await admin.query(`alter database ${t.db.name} with allow_connections true`);
    await expectServing(event.id);

    // Logged as what they are (503 request lines at warn), never as our bug.
    const bugs = logLines.slice(refusals).filter((line) => line.level >= 50);
    expect(bugs.map((line) => line.msg)).toEqual([]);
  });
});
