// Every booking guarantee, checked through PgBouncer in transaction mode: over
// HTTP against the pooled instances, and in SQL as the server's roles on
// pooled connections. Each check answers held / not held with what it saw;
// none throws, so one broken guarantee does not hide the others.
import { randomBytes } from "node:crypto";
import { createClient } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { pgSettingsFor } from "../../src/auth/pg-settings.ts";
import { withPgSettings } from "../../src/db/with-settings.ts";
import type { BenchContext } from "../context.ts";
import { createEvent, eventTruth, type Student } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import type { Instance } from "../instances.ts";
import type { PgBouncer } from "../pgbouncer.ts";

export interface Guarantee {
  name: string;
  held: boolean;
  detail: string;
}

export async function checkGuarantees(ctx: BenchContext, bouncer: PgBouncer, instances: Instance[]): Promise<Guarantee[]> {
  // Students of their own, from the end of the pool (timed loads take from the start).
  const spare = ctx.students.slice(-80);
  const checks: [string, () => Promise<[boolean, string]>][] = [
    ["no oversell: small event rushed across the instances", () => rush(ctx, instances)],
    ["fencing: a stale token is refused", () => fencing(ctx, bouncer, spare.slice(0, 3))],
    ["idempotency: one key sent at once to every instance", () => idempotency(ctx, instances, spare[3]!)],
    ["RLS: each caller sees only their own tickets", () => rls(ctx, instances, spare[4]!, spare[5]!)],
    ["RLS: anonymous cannot book", () => anonymous(ctx, bouncer, instances)],
    ["no leak: role and claims end with the transaction", () => noLeak(ctx, bouncer, spare[6]!)],
    ["live availability (LISTEN on the direct connection)", () => live(ctx, instances, spare[7]!)],
    ["no named prepared statement on any pooled backend", () => noNamedStatements(ctx, bouncer)],
  ];
  const results: Guarantee[] = [];
  for (const [name, check] of checks) {
    try {
      const [held, detail] = await check();
      results.push({ name, held, detail });
    } catch (error) {
      results.push({ name, held: false, detail: `failed: ${(error as Error).message}` });
    }
  }
  return results;
}

/** N seats, M students at once round-robin over the instances: exactly N sold, the rest SOLD_OUT. */
export async function rush(ctx: BenchContext, instances: Instance[], name = "PgBouncer rush"): Promise<[boolean, string]> {
  const seats = ctx.options.quick ? 5 : 50;
  const crowd = ctx.students.slice(0, ctx.options.quick ? 40 : 600);
  const eventId = await createEvent(ctx.db.owner, name, seats);
  const clients = instances.map((i) => new GraphqlClient(i.url, Infinity));
  try {
    const answers = await Promise.all(crowd.map((s, i) => clients[i % clients.length]!.post(BOOK_TICKET, { e: eventId }, s.token)));
    const outcomes: Record<string, number> = {};
    for (const a of answers) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
    const truth = await eventTruth(ctx.db.owner, eventId);
    const held =
      outcomes.OK === seats &&
      outcomes.SOLD_OUT === crowd.length - seats &&
      Object.keys(outcomes).length === 2 &&
      truth.liveTickets === seats &&
      truth.ticketsRemaining === 0 &&
      truth.mostPerStudent === 1;
    return [held, `${crowd.length} students, ${seats} seats: ${JSON.stringify(outcomes)}; tickets ${truth.liveTickets}, remaining ${truth.ticketsRemaining}`];
  } finally {
    for (const c of clients) c.close();
  }
}

/** The server's batch call, as the booker role with a fencing token, on a pooled connection. */
async function bookWithToken(url: string, eventId: number, student: Student, token: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('role', 'ticketing_booker', true), set_config('booking.fencing_token', $1, true)", [String(token)]);
    const { rows } = await client.query("select app_hidden.book_tickets($1, $2::json, '[null]'::json) as answer", [
      eventId,
      JSON.stringify([{ user_id: student.id, role: "student" }]),
    ]);
    await client.query("commit");
    return "ticket" in rows[0].answer.results[0] ? "OK" : rows[0].answer.results[0].error.code;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    // app_private.fail: SQLSTATE TK409, our code in the detail.
    const { code, detail, message } = error as { code?: string; detail?: string; message: string };
    return code === "TK409" && detail === "STALE_LOCK" ? "STALE_LOCK" : `error ${code}: ${message}`;
  } finally {
    await client.end();
  }
}

async function fencing(ctx: BenchContext, bouncer: PgBouncer, [a, b, c]: Student[]): Promise<[boolean, string]> {
  const eventId = await createEvent(ctx.db.owner, "PgBouncer fencing", 10);
  const url = bouncer.via(ctx.db.authUrl);
  // A lease with token 1000 books; the holder of the older 999 (expired) tries next; then a newer one.
  const first = await bookWithToken(url, eventId, a!, 1000);
  const stale = await bookWithToken(url, eventId, b!, 999);
  const newer = await bookWithToken(url, eventId, c!, 1001);
  const truth = await eventTruth(ctx.db.owner, eventId);
  const held = first === "OK" && stale === "STALE_LOCK" && newer === "OK" && truth.liveTickets === 2;
  return [held, `token 1000: ${first}; then 999: ${stale}; then 1001: ${newer}; tickets ${truth.liveTickets}`];
}

async function idempotency(ctx: BenchContext, instances: Instance[], student: Student): Promise<[boolean, string]> {
  const eventId = await createEvent(ctx.db.owner, "PgBouncer idempotency", 10);
  const key = `pgb-${randomBytes(8).toString("hex")}`;
  const copies = ctx.options.quick ? 4 : 12;
  const answers = await Promise.all(
    Array.from({ length: copies }, async (_, i) => {
      const res = await fetch(`${instances[i % instances.length]!.url}/events/${eventId}/book`, {
        method: "POST",
        headers: { authorization: `Bearer ${student.token}`, "idempotency-key": key },
      });
      const body = (await res.json()) as { ticket?: { id: number } };
      return { status: res.status, id: body.ticket?.id, replayed: res.headers.get("idempotent-replayed") === "true" };
    }),
  );
  const truth = await eventTruth(ctx.db.owner, eventId);
  const ids = new Set(answers.map((a) => a.id));
  const replayed = answers.filter((a) => a.replayed).length;
  const held = answers.every((a) => a.status === 201) && ids.size === 1 && !ids.has(undefined) && replayed === copies - 1 && truth.liveTickets === 1;
  return [held, `${copies} requests: statuses ${[...new Set(answers.map((a) => a.status))]}, ticket ids ${[...ids]}, replayed ${replayed}; tickets ${truth.liveTickets}`];
}

const ALL_TICKETS = "{ allTickets { nodes { id userId } } }";

/** Students A and B (one ticket each) and anonymous callers, interleaved at once over every instance. */
async function rls(ctx: BenchContext, instances: Instance[], a: Student, b: Student): Promise<[boolean, string]> {
  const eventId = await createEvent(ctx.db.owner, "PgBouncer RLS", 10);
  const clients = instances.map((i) => new GraphqlClient(i.url, 16));
  try {
    for (const s of [a, b]) {
      const booked = await clients[0]!.post(BOOK_TICKET, { e: eventId }, s.token);
      if (booked.outcome !== "OK") return [false, `setup: booking answered ${booked.outcome}`];
    }
    const callers = [a, b, null];
    const rounds = ctx.options.quick ? 10 : 100;
    const answers = await Promise.all(
      Array.from({ length: rounds * 3 }, async (_, i) => {
        const who = callers[i % 3]!;
        const answer = await clients[i % clients.length]!.post(ALL_TICKETS, {}, who?.token);
        return { who, answer };
      }),
    );
    const wrong: string[] = [];
    for (const { who, answer } of answers) {
      const nodes = (answer.body as any)?.data?.allTickets?.nodes as { userId: number }[] | undefined;
      if (!who) {
        if (nodes?.length) wrong.push(`anonymous saw ${nodes.length} tickets`);
      } else if (!nodes) wrong.push(`student ${who.id}: ${answer.outcome}`);
      else if (nodes.some((n) => n.userId !== who.id) || nodes.length === 0) wrong.push(`student ${who.id} saw users ${[...new Set(nodes.map((n) => n.userId))]}`);
    }
    return [wrong.length === 0, wrong.length ? wrong.slice(0, 3).join("; ") : `${answers.length} interleaved reads (2 students, anonymous), each saw only its own`];
  } finally {
    for (const c of clients) c.close();
  }
}

async function anonymous(ctx: BenchContext, bouncer: PgBouncer, instances: Instance[]): Promise<[boolean, string]> {
  const eventId = await createEvent(ctx.db.owner, "PgBouncer anonymous", 10);
  const client = new GraphqlClient(instances[0]!.url, 1);
  const api = await client.post(BOOK_TICKET, { e: eventId });
  client.close();
  // And in the database itself, as the anonymous role on a pooled connection.
  const pool = new pg.Pool({ connectionString: bouncer.via(ctx.db.authUrl), max: 1 });
  pool.on("error", () => {});
  let sql = "booked";
  try {
    await withPgSettings(pool, pgSettingsFor(null), (db) => db.query("select app_hidden.book_ticket($1)", [eventId]));
  } catch (error) {
    sql = (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await pool.end();
  }
  const truth = await eventTruth(ctx.db.owner, eventId);
  const held = api.outcome === "UNAUTHENTICATED" && sql === "42501" && truth.liveTickets === 0;
  return [held, `API: ${api.outcome}; SQL book_ticket as anonymous: ${sql}; tickets ${truth.liveTickets}`];
}

/**
 * On the single-connection pool entry every transaction lands on the same
 * backend: a student's transaction (committed, or failed), then a plain query
 * from another client, which must be the authenticator with no claims.
 */
async function noLeak(ctx: BenchContext, bouncer: PgBouncer, student: Student): Promise<[boolean, string]> {
  const pool = new pg.Pool({ connectionString: bouncer.viaSingle(ctx.db.authUrl), max: 2 });
  pool.on("error", () => {});
  const authenticator = decodeURIComponent(new URL(ctx.db.authUrl).username);
  const settings = { ...pgSettingsFor({ user_id: student.id, role: "student" }), "booking.fencing_token": "42" };
  const probe =
    "select pg_backend_pid() as pid, current_user as who, coalesce(current_setting('jwt.claims.user_id', true), '') as uid, " +
    "coalesce(current_setting('booking.fencing_token', true), '') as fence";
  const problems: string[] = [];
  let sameBackend = 0;
  const rounds = ctx.options.quick ? 10 : 100;
  try {
    for (let i = 0; i < rounds; i++) {
      const inside = await withPgSettings(pool, settings, async (db) => {
        const row = (await db.query(probe)).rows[0];
        if (i % 2) await db.query("select 1/0"); // every other one fails and rolls back
        return row;
      }).catch((error) => ((error as { code?: string }).code === "22012" ? null : Promise.reject(error)));
      if (inside && (inside.who !== "ticketing_student" || inside.uid !== String(student.id))) problems.push(`inside: ${JSON.stringify(inside)}`);
      const after = (await pool.query(probe)).rows[0];
      if (after.who !== authenticator || after.uid !== "" || after.fence !== "") problems.push(`after: ${JSON.stringify(after)}`);
      if (inside && inside.pid === after.pid) sameBackend++;
    }
  } finally {
    await pool.end();
  }
  const committed = Math.ceil(rounds / 2);
  if (sameBackend < committed) problems.push(`only ${sameBackend} of ${committed} probes shared the student's backend`);
  return [problems.length === 0, problems.length ? problems.slice(0, 3).join("; ") : `${rounds} student transactions (half failed), each followed on the same backend by a clean authenticator session`];
}

/**
 * After all the load above: hold `poolSize` transactions open at once, which
 * takes every server connection of the pool, and count the prepared
 * statements each backend holds. Anything named would break the next client
 * that lands there (PgBouncer 1.18 does not track them).
 */
async function noNamedStatements(ctx: BenchContext, bouncer: PgBouncer): Promise<[boolean, string]> {
  const clients = Array.from({ length: bouncer.poolSize }, () => new pg.Client({ connectionString: bouncer.via(ctx.db.authUrl) }));
  for (const c of clients) c.on("error", () => {});
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await Promise.all(clients.map((c) => c.query("begin")));
    const rows = await Promise.all(
      clients.map(async (c) => (await c.query("select pg_backend_pid() as pid, (select count(*)::int from pg_prepared_statements) as n")).rows[0]),
    );
    await Promise.all(clients.map((c) => c.query("commit")));
    const backends = new Set(rows.map((r) => r.pid)).size;
    const named = rows.reduce((sum, r) => sum + r.n, 0);
    return [named === 0 && backends === bouncer.poolSize, `${named} prepared statements on ${backends} server connections`];
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** Subscribe on one pooled instance, book through another: the change arrives (their LISTEN is direct). */
async function live(ctx: BenchContext, instances: Instance[], student: Student): Promise<[boolean, string]> {
  const eventId = await createEvent(ctx.db.owner, "PgBouncer live", 10);
  const wsUrl = `${instances[0]!.url.replace(/^http/, "ws")}/graphql`;
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  const http = new GraphqlClient(instances[instances.length - 1]!.url, 1);
  try {
    const seen: number[] = [];
    let booked = false;
    const received = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      client.subscribe(
        { query: "subscription($id:Int!){ eventAvailability(eventId:$id){ ticketsRemaining } }", variables: { id: eventId } },
        {
          next: (result) => {
            const remaining = (result.data as any)?.eventAvailability?.ticketsRemaining;
            seen.push(remaining);
            if (remaining === 9) {
              clearTimeout(timer);
              resolve(true);
            } else if (remaining === 10 && !booked) {
              booked = true; // the current value came first: now book elsewhere
              void http.post(BOOK_TICKET, { e: eventId }, student.token);
            }
          },
          error: () => resolve(false),
          complete: () => resolve(false),
        },
      );
    });
    return [received, `values seen on instance 1 while instance ${instances.length} booked: ${JSON.stringify(seen)}`];
  } finally {
    http.close();
    await client.dispose();
  }
}
