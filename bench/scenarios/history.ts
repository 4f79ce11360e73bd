// Scenario: the cost of a booking does not grow with history. Two scratch
// databases of their own, each with its own server: one left empty, one seeded
// with H tickets over E events (1,000,000 and 10,000 by default), vacuumed and
// analyzed. The full-stack load (C closed-loop clients booking one fresh event,
// every request a different student) runs on each in turns (empty, seeded, then
// seeded, empty), so whatever else loads the machine weighs on both sides; the
// ratio seeded ÷ empty is the figure. EXPLAIN (ANALYZE, BUFFERS, WAL) of every hot
// query on both databases goes into the JSON, so a reader can check that no
// plan scans a table that grows with history.
//
// The seed is set-based SQL as the owner (generate_series), spread the way a
// campus's years would be: many students (the bench's own included, so the
// students who book in the load have history of their own), 70 % of events
// in the past, statuses confirmed / cancelled / expired / pending, some
// idempotency keys, check-in codes, and an outbox row per confirmed ticket
// (sent). Triggers are off while seeding (session_replication_role = replica,
// so the owner must be a superuser, as the bench's always is): past events
// cannot be inserted through the API's rules, and 10,000 availability
// notifications would be noise; tickets_remaining is set to match.
import pg from "pg";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";
import { log } from "../../src/log.ts";
import type { BenchContext } from "../context.ts";
import type { BenchDatabase } from "../database.ts";
import { createStudents } from "../fixtures.ts";
import { startInstance, type Instance } from "../instances.ts";
import { runFullStack, warmUp, type FullStackResult } from "./full-stack.ts";
import { round } from "../stats.ts";

export interface ExplainedQuery {
  name: string;
  sql: string;
  /** As whom it ran: the role the API uses for it. */
  role: string;
  plan: string;
  /** Seq Scan nodes on a table that grows with history (tickets, events, outbox, users...) and holds over 10,000 rows now. */
  growingScans: string[];
}

export interface HistoryResult {
  tickets: number;
  events: number;
  students: number;
  seedSeconds: number;
  /** Rows in the two databases' tables while they were measured. */
  before: { tickets: number; events: number };
  after: { tickets: number; events: number };
  /** Each round: the load on the empty database, then on the seeded one (or the other way round). */
  rounds: { empty: FullStackResult; seeded: FullStackResult }[];
  /** The figures the report shows: bookings/s over all rounds, median p50 and p99 of the rounds. */
  empty: HistorySide;
  seeded: HistorySide;
  /** seeded bookings/s ÷ empty bookings/s (target ≥ 0.9: within 10 %). */
  throughputRatio: number;
  /** seeded p50 ÷ empty p50, seeded p99 ÷ empty p99 (target ≤ 1.1). */
  p50Ratio: number;
  p99Ratio: number;
  /** The same queries on the empty database, for comparison. */
  explainEmpty: ExplainedQuery[];
  /** On the seeded database: the plans the report shows. */
  explain: ExplainedQuery[];
}

export interface HistorySide {
  bookingsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  /** Server and PostgreSQL CPU per booking (ms), from the CPU shares of each round. */
  serverCpuMsPerBooking?: number;
  postgresCpuMsPerBooking?: number;
}

const GROWING = ["tickets", "events", "outbox", "users", "waitlist_entries", "payments"];
/** Below this many rows a Seq Scan is the planner's right choice (quick mode's tables), not a finding. */
const SMALL_TABLE_ROWS = 10_000;
const ROUNDS = 2;
const quiet = log.child({}, { level: "warn" });

interface Side {
  ctx: BenchContext;
  instance: Instance;
  close(): Promise<void>;
}

/**
 * A scratch database of its own (migrated), a server on it, and as many
 * students as the run's: the two sides differ only by the seed.
 */
async function side(ctx: BenchContext, label: string): Promise<Side> {
  const name = `${ctx.db.name}_${label}`;
  const adminUrl = withDatabase(ctx.db.ownerUrl, "postgres");
  // A clone of the run's migrated template when it has one (the tests' smoke run), else migrated here.
  await createDatabase(adminUrl, name, ctx.options.templateDatabase);
  const ownerUrl = withDatabase(ctx.db.ownerUrl, name);
  let owner: pg.Pool | undefined;
  let instance: Instance | undefined;
  const close = async () => {
    await instance?.stop();
    await owner?.end();
    await dropDatabase(adminUrl, name);
  };
  try {
    if (!ctx.options.templateDatabase) await migrateDatabase(ownerUrl, quiet);
    owner = new pg.Pool({ connectionString: ownerUrl, max: 4 });
    // A client still closing when the database is dropped (WITH FORCE) hears a late 57P01:
    // no failure, and an unheard pool error would end the run.
    owner.on("error", () => {});
    const db: BenchDatabase = { ...ctx.db, name, ownerUrl, authUrl: withDatabase(ctx.db.authUrl, name), owner, close };
    instance = await startInstance(db, {
      jwtSecret: ctx.jwt.secret,
      redisUrl: ctx.redis ? ctx.options.redisUrl : undefined,
      // Under the run's prefix, so the run's clean-up deletes these keys too.
      env: { REDIS_PREFIX: `${ctx.db.name}:${label}` },
    });
    const students = await createStudents(owner, ctx.jwt, ctx.students.length);
    return { ctx: { ...ctx, db, instances: [instance], students }, instance, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

export async function runHistory(ctx: BenchContext): Promise<HistoryResult> {
  const { options } = ctx;
  const counts = async (db: BenchDatabase) => {
    const { rows } = await db.owner.query<{ tickets: number; events: number }>(
      "select (select count(*)::int from app_public.tickets) as tickets, (select count(*)::int from app_public.events) as events",
    );
    return rows[0]!;
  };

  const sides: Side[] = [];
  try {
    // Two databases, two servers, measured in turns (empty, seeded, seeded,
    // empty...): whatever else loads the machine meanwhile weighs on both.
    const made = await Promise.allSettled([side(ctx, "empty"), side(ctx, "seeded")]);
    for (const each of made) if (each.status === "fulfilled") sides.push(each.value);
    const failed = made.find((each) => each.status === "rejected");
    if (failed) throw failed.reason;
    const [empty, seeded] = sides as [Side, Side];

    options.log(`history: seeding ${options.historyTickets} tickets over ${options.historyEvents} events`);
    const started = performance.now();
    const students = await seed(seeded.ctx.db.owner, seeded.ctx.students.map((s) => s.id), options.historyTickets, options.historyEvents);
    const seedSeconds = round((performance.now() - started) / 1000, 1);
    const before = await counts(empty.ctx.db);
    const after = await counts(seeded.ctx.db);
    options.log(`history: seeded in ${seedSeconds} s (${after.tickets} tickets, ${after.events} events); measuring both in turns`);

    for (const each of sides) await warmUp(each.ctx, [each.instance]);
    const rounds: HistoryResult["rounds"] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? [empty, seeded] : [seeded, empty];
      const results = new Map<Side, FullStackResult>();
      for (const each of order) results.set(each, await runFullStack(each.ctx, [each.instance]));
      rounds.push({ empty: results.get(empty)!, seeded: results.get(seeded)! });
    }
    const explainEmpty = await explainHotQueries(empty.ctx.db.owner, empty.ctx.students[0]!.id);
    const explain = await explainHotQueries(seeded.ctx.db.owner, seeded.ctx.students[0]!.id);

    const summary = (loads: FullStackResult[]): HistorySide => {
      const ok = loads.reduce((n, l) => n + (l.outcomes.OK ?? 0), 0);
      const seconds = loads.reduce((n, l) => n + l.elapsedMs, 0) / 1000;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
      const cpuMs = (pick: (c: NonNullable<FullStackResult["cpu"]>) => number) =>
        loads.every((l) => l.cpu) ? round(loads.reduce((n, l) => n + pick(l.cpu!) * l.elapsedMs, 0) / ok, 3) : undefined;
      return {
        bookingsPerSecond: round(ok / seconds, 1),
        latencyMs: { p50: median(loads.map((l) => l.latencyMs.p50)), p99: median(loads.map((l) => l.latencyMs.p99)) },
        serverCpuMsPerBooking: cpuMs((c) => c.server),
        postgresCpuMsPerBooking: cpuMs((c) => c.postgres),
      };
    };
    const emptySide = summary(rounds.map((r) => r.empty));
    const seededSide = summary(rounds.map((r) => r.seeded));
    return {
      tickets: options.historyTickets,
      events: options.historyEvents,
      students,
      seedSeconds,
      before,
      after,
      rounds,
      empty: emptySide,
      seeded: seededSide,
      throughputRatio: round(seededSide.bookingsPerSecond / emptySide.bookingsPerSecond),
      p50Ratio: round(seededSide.latencyMs.p50 / emptySide.latencyMs.p50),
      p99Ratio: round(seededSide.latencyMs.p99 / emptySide.latencyMs.p99),
      explainEmpty,
      explain,
    };
  } finally {
    for (const each of sides) await each.close().catch((error) => options.log(`history: clean-up: ${(error as Error).message}`));
  }
}

/** Returns how many students the history is spread over. */
async function seed(owner: pg.Pool, benchStudents: number[], tickets: number, events: number): Promise<number> {
  // About ten tickets per student, as a few years of a campus would give.
  const extraStudents = Math.max(0, Math.ceil(tickets / 10) - benchStudents.length);
  const perEvent = Math.ceil(tickets / events);
  const client = await owner.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const tag = `h${Date.now().toString(36)}`;
    await client.query(
      `create temporary table history_students on commit drop as
       with made as (
         insert into app_public.users (name, email, role, email_verified_at)
         select 'History student ' || n, $2 || '-' || n || '@history.example.edu', 'student', now()
         from generate_series(1, $3::int) n returning id)
       select row_number() over () - 1 as k, id from (select unnest($1::int[]) as id union all select id from made) s`,
      [benchStudents, tag, extraStudents],
    );
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from history_students");
    const students = rows[0]!.n;
    if (students < perEvent) throw new Error(`history: ${students} students cannot hold ${perEvent} tickets per event`);
    // 70 % of events are over (started 1 to 700 days ago), the rest upcoming;
    // every event has room for its tickets.
    await client.query(
      `create temporary table history_events on commit drop as
       with made as (
         insert into app_public.events (name, venue, starts_at, total_tickets, tickets_remaining,
                                        max_tickets_per_student, created_at)
         select 'History event ' || n, 'Hall ' || (n % 40),
                case when n % 10 < 7 then now() - make_interval(days => 1 + n % 700, hours => n % 24)
                     else now() + make_interval(days => 1 + n % 300, hours => n % 24) end,
                $2::int * 2, $2::int * 2, 1 + n % 4, now() - interval '800 days'
         from generate_series(0, $1::int - 1) n
         returning id, starts_at)
       select row_number() over (order by id) - 1 as k, id, starts_at from made`,
      [events, perEvent],
    );
    // Ticket n: event n % E, and for that event the students k·(S / perEvent) + e
    // (mod S) for k = 0, 1, ...: never two tickets of one student for one event.
    await client.query(
      `insert into app_public.tickets (event_id, user_id, status, booked_at, cancelled_at, idempotency_key,
                                       price_cents, hold_expires_at, check_in_code, checked_in_at, confirmed_at)
       select e.id, s.id, t.status, t.booked_at,
              case when t.status = 'cancelled' then t.booked_at + interval '1 day' end,
              case when mod(abs(hashint4(n + 1)), 10) < 3 then $4 || '-' || n end,
              0,
              case when t.status = 'pending' then now() + interval '10 minutes'
                   when t.status = 'expired' then t.booked_at + interval '10 minutes' end,
              case when t.status = 'confirmed' then $4 || '-' || n end,
              case when t.status = 'confirmed' and e.starts_at < now() and mod(abs(hashint4(n + 2)), 3) > 0 then e.starts_at end,
              case when t.status = 'confirmed' then t.booked_at end
       from generate_series(0, $1::int - 1) n
       join history_events e on e.k = n % $2::int
       join history_students s on s.k = ((n / $2::int) * ($3::int / $5::int) + e.k) % $3::int
       cross join lateral (select mod(abs(hashint4(n)), 100) as r) h
       cross join lateral (select
         case when h.r < 80 then 'confirmed' when h.r < 92 then 'cancelled'
              when h.r < 97 or e.starts_at < now() then 'expired' else 'pending' end::app_public.ticket_status as status,
         least(e.starts_at, now()) - make_interval(days => 1 + n % 60, mins => n % 1440) as booked_at) t`,
      [tickets, events, students, tag, perEvent],
    );
    // What the confirmations left behind: one sent email per confirmed ticket.
    await client.query(
      `insert into app_private.outbox (dedupe_key, kind, user_id, subject, body, created_at, sent_at)
       select 'booking_confirmed:' || t.id, 'booking_confirmed', t.user_id, 'Your ticket', 'History', t.booked_at, t.booked_at
       from app_public.tickets t join history_events e on e.id = t.event_id where t.status = 'confirmed'`,
    );
    await client.query(
      `update app_public.events e set tickets_remaining = e.total_tickets - l.live
       from (select t.event_id, count(*)::int as live from app_public.tickets t join history_events h on h.id = t.event_id
             where t.status in ('pending', 'offered', 'confirmed') group by t.event_id) l
       where e.id = l.event_id`,
    );
    await client.query("commit");
    // As a database that grew over years would be: vacuumed (hint bits and
    // visibility map set, so the first reads do not pay for a million fresh
    // rows), statistics current, and no checkpoint of the seed's WAL pending.
    for (const table of ["app_public.users", "app_public.events", "app_public.tickets", "app_private.outbox"]) {
      await client.query(`vacuum (analyze) ${table}`);
    }
    await client.query("checkpoint").catch(() => {}); // needs superuser (or pg_checkpoint); only tidier without it
    return students;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS, WAL) of what a booking, the my-tickets page, the events
 * list and the availability read run, each as the role the API runs it as, in
 * a transaction that is rolled back (the insert and update leave nothing).
 */
async function explainHotQueries(owner: pg.Pool, studentId: number): Promise<ExplainedQuery[]> {
  const client = await owner.connect();
  try {
    // An upcoming event with seats (the lock, update, insert and whole batch run on
    // it, rolled back), and a ticket booked with a key (a replay's lookup).
    const { rows: events } = await client.query<{ id: number }>(
      "select id from app_public.events where starts_at > now() + interval '1 day' and tickets_remaining > 0 order by id desc limit 1",
    );
    const eventId = events[0]?.id ?? 0;
    const { rows: keyed } = await client.query<{ event_id: number; user_id: number; key: string }>(
      "select event_id, user_id, idempotency_key as key from app_public.tickets where idempotency_key is not null limit 1",
    );
    const sample = keyed[0] ?? { event_id: eventId, user_id: studentId, key: "none" };
    const { rows: users } = await client.query<{ id: number }>(
      "select user_id as id from app_public.tickets where event_id = $1 limit 32",
      [eventId],
    );
    const userIds = [studentId, ...users.map((u) => u.id)];
    const student = { role: "ticketing_student", "jwt.claims.user_id": String(studentId), "jwt.claims.role": "student" };
    const anonymous = { role: "ticketing_anonymous" };
    const owner_ = {};
    const queries: { name: string; sql: string; params: unknown[]; settings: Record<string, string> }[] = [
      {
        name: "booking: lock the event row (allocate_seats)",
        sql: "select * from app_public.events e where e.id = $1 for update",
        params: [eventId],
        settings: owner_,
      },
      {
        name: "booking: per-student limit (live_tickets_per_student, 33 students)",
        sql: "select * from app_private.live_tickets_per_student($1, $2::int[])",
        params: [eventId, userIds],
        settings: owner_,
      },
      {
        name: "booking: idempotency key lookup (allocate_seats)",
        sql: "select * from app_public.tickets t where t.event_id = $1 and t.user_id = $2 and t.idempotency_key = $3",
        params: [sample.event_id, sample.user_id, sample.key],
        settings: owner_,
      },
      {
        name: "booking: inventory update (allocate_seats; triggers bump the version and notify)",
        sql: "update app_public.events e set tickets_remaining = e.tickets_remaining - 1 where e.id = $1",
        params: [eventId],
        settings: owner_,
      },
      {
        name: "booking: ticket insert (allocate_seats)",
        sql: `insert into app_public.tickets (event_id, user_id, idempotency_key, status, check_in_code, confirmed_at)
              values ($1, $2, null, 'confirmed', app_private.new_check_in_code(), now())`,
        params: [eventId, studentId],
        settings: owner_,
      },
      {
        name: "booking: confirmation email (add_to_outbox)",
        sql: "select app_private.add_to_outbox('booking_confirmed', $1::int, 'explain:' || $1::text, 'subject', 'body')",
        params: [studentId],
        settings: owner_,
      },
      {
        name: "booking: the whole batch of one (app_hidden.book_tickets as ticketing_booker)",
        sql: `select app_hidden.book_tickets($1, json_build_array(json_build_object('user_id', $2::int, 'role', 'student')), '[null]')`,
        params: [eventId, studentId],
        settings: { role: "ticketing_booker" },
      },
      {
        name: "my tickets (app_public.my_tickets() as the student, RLS on)",
        sql: "select * from app_public.my_tickets() limit 20",
        params: [],
        settings: student,
      },
      {
        name: "events list (upcoming_events, first page, as anonymous)",
        sql: "select * from app_public.upcoming_events(null) limit 20 offset 0",
        params: [],
        settings: anonymous,
      },
      {
        name: "availability read: one event (src/availability/source.ts)",
        sql: "select e.id, app_hidden.event_availability_json(e) as payload from app_public.events e where e.id = any($1::int[])",
        params: [[eventId]],
        settings: anonymous,
      },
      {
        name: "availability read: the upcoming-events list topic (src/availability/source.ts)",
        sql: `select c.category, app_hidden.event_availability_json(e) as payload
              from unnest($1::int[]) c(category) cross join lateral app_public.upcoming_events(c.category) e`,
        params: [[null]],
        settings: anonymous,
      },
    ];
    const { rows: sizes } = await client.query<{ name: string; rows: number }>(
      `select c.relname as name, c.reltuples::float8 as rows from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('app_public', 'app_private') and c.relkind = 'r' and c.relname = any($1)`,
      [GROWING],
    );
    const large = new Set(sizes.filter((t) => t.rows > SMALL_TABLE_ROWS).map((t) => t.name));
    const explained: ExplainedQuery[] = [];
    for (const query of queries) {
      await client.query("begin");
      try {
        for (const [key, value] of Object.entries(query.settings)) {
          if (key === "role") await client.query(`set local role ${value}`);
          else await client.query("select set_config($1, $2, true)", [key, value]);
        }
        const { rows: lines } = await client.query<{ "QUERY PLAN": string }>(
          `explain (analyze, buffers, wal, costs off) ${query.sql}`,
          query.params,
        );
        const plan = lines.map((l) => l["QUERY PLAN"]).join("\n");
        const growingScans = plan
          .split("\n")
          .filter((line) => /Seq Scan on (\w+\.)?(\w+)/.test(line))
          .filter((line) => large.has(line.match(/Seq Scan on (?:\w+\.)?(\w+)/)![1]!))
          .map((line) => line.trim());
        explained.push({ name: query.name, sql: query.sql.replace(/\s+/g, " "), role: query.settings.role ?? "owner", plan, growingScans });
      } catch (error) {
        explained.push({ name: query.name, sql: query.sql, role: query.settings.role ?? "owner", plan: `failed: ${(error as Error).message}`, growingScans: [] });
      } finally {
        await client.query("rollback");
      }
    }
    return explained;
  } finally {
    client.release();
  }
}
