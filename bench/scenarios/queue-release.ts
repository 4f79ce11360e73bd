// Scenario 10, a queue release (fair release, db/schema/queue.sql): S students
// (--students, 2,000 by default) join one event's waiting room over GraphQL
// before sales_start, each watching its own entry over a queueEntry
// subscription (one websocket each, as S browsers would have). Then:
//
//   the shuffle   sales_start passes and the draw runs, as its job would
//                 (app_private.release_draw, called by the bench: the bench's
//                 instances run no worker). Timed per student: from just before
//                 the draw is sent to the receipt of the first message with a
//                 place in line (or an admission). The target: every
//                 student has been pushed a position within 2 s (p99).
//   the waves     the admitted students (as many as seats) book with
//                 bookTicket, all at once; in every wave but the last a third
//                 of them let their turn lapse instead (admitted_until moved to
//                 the past, then app_private.release_tick, as its job would),
//                 and their seats pass to the next in line: timed from the tick
//                 to the receipt of each newly admitted student's admission.
//                 Booking latency of admitted students: target p99 < 200 ms.
//
//   the lottery   --large-rush-students entries (10,000 by default) in one lottery event,
//                 arranged as the owner, then its draw (app_private.release_draw: the
//                 shuffle, the winners' offers and every entrant's email in the outbox),
//                 timed alone. The target: under 1 s for 10,000 entries.
//
// Checked, not assumed: every student got a place, each wave admitted exactly
// the seats left, never more admitted than seats, every booking by an admitted
// student answered OK, and the event ends sold out with one ticket per student.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { eventTruth } from "../fixtures.ts";
import { BOOK_TICKET, GraphqlClient } from "../http-client.ts";
import { summarize, type LatencySummary } from "../stats.ts";

export interface QueueWave {
  wave: number;
  admitted: number;
  booked: number;
  lapsed: number;
  /** From the tick (or the draw, for the first wave) to each admitted student's push. */
  admittedPushMs: LatencySummary;
  bookingMs: LatencySummary;
}

export interface QueueReleaseResult {
  students: number;
  seats: number;
  joinMs: LatencySummary;
  /** The draw's SQL call alone (shuffle S entries, record it, admit the first seats). */
  drawMs: number;
  /** Draw sent → each student's first place (or admission) received. */
  placePushedMs: LatencySummary;
  placesPushed: number;
  /**
   * CPU from the draw until every place arrived: who was busy (the server pushing, the bench's
   * one thread decoding every subscriber's messages, PostgreSQL, anything else on the machine).
   */
  placeCpu?: CpuShares;
  waves: QueueWave[];
  lottery: { entries: number; seats: number; drawMs: number };
  correct: boolean;
  problems: string[];
}

const JOIN = "mutation($e:Int!){ joinQueue(input:{eventId:$e}) { result { state } } }";
const QUEUE_ENTRY = "subscription($e:Int!){ queueEntry(eventId:$e){ state position } }";
const WAIT_MS = 30_000;
const CONNECT_BATCH = 100;
/** Waves of admissions; in each but the last, this share of the admitted lets the turn lapse. */
const WAVES = 3;
const LAPSING = 1 / 3;

interface Watched {
  state?: string;
  position?: number | null;
  /** Receipt times (performance.now()) of the first place and of each admission. */
  placedAt?: number;
  admittedAt?: number;
  ended?: string;
}

export async function runQueueRelease(ctx: BenchContext): Promise<QueueReleaseResult> {
  const { options, db } = ctx;
  const instance = ctx.instances[0]!;
  const students = ctx.students.slice(0, options.students);
  const seats = Math.min(options.rushTickets, students.length);
  const problems: string[] = [];
  const http = new GraphqlClient(instance.url, options.concurrency);
  const clients: Client[] = [];
  try {
    // Every bench client comes from one address: lift the per-address join limit for this database.
    await db.owner.query("update app_private.throttle_rules set max_hits = 1000000000 where rule = 'release_joins_per_address'");
    const { rows } = await db.owner.query<{ id: number }>(
      `insert into app_public.events (name, venue, starts_at, total_tickets, release_mode, sales_start)
       values ($1, 'Bench Hall', now() + interval '30 days', $2, 'queue', now() + interval '1 day') returning id`,
      [`Queue release ${Date.now().toString(36)}`, seats],
    );
    const eventId = rows[0]!.id;

    // Join, C at a time.
    const joinTimes: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < students.length) {
          const answer = await http.post(JOIN, { e: eventId }, students[next++]!.token);
          if (answer.outcome !== "OK") problems.push(`join: ${answer.outcome}`);
          joinTimes.push(answer.ms);
        }
      }),
    );

    // One subscriber per student, connected in batches; each first hears its entry as it is (waiting, no place).
    const watched = students.map((): Watched => ({}));
    for (let from = 0; from < students.length; from += CONNECT_BATCH) {
      await Promise.all(
        students.slice(from, from + CONNECT_BATCH).map(async (student, k) => {
          const me = watched[from + k]!;
          const client = createClient({
            url: `${instance.url.replace(/^http/, "ws")}/graphql`,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${student.token}` },
            lazy: true,
            retryAttempts: 0,
          });
          clients.push(client);
          let first: () => void;
          const heard = new Promise<void>((resolve) => (first = resolve));
          client.subscribe<{ queueEntry: { state: string; position: number | null } | null }>(
            { query: QUEUE_ENTRY, variables: { e: eventId } },
            {
              next: ({ data, errors }) => {
                const at = performance.now();
                if (errors || !data?.queueEntry) me.ended ??= JSON.stringify(errors ?? "no entry");
                else {
                  me.state = data.queueEntry.state;
                  me.position = data.queueEntry.position;
                  if (me.placedAt === undefined && (me.position != null || me.state === "admitted")) me.placedAt = at;
                  if (me.state === "admitted") me.admittedAt = at;
                }
                first();
              },
              error: (error) => {
                me.ended ??= String((error as Error)?.message ?? error);
                first();
              },
              complete: () => (me.ended ??= "complete"),
            },
          );
          await heard;
        }),
      );
    }
    const broken = watched.filter((w) => w.ended || w.state !== "waiting");
    if (broken.length) {
      const first = broken[0]!;
      problems.push(`${broken.length} subscribers' first message was not their waiting entry: ${first.ended ?? first.state} (student ${watched.indexOf(first)}; now ${first.state})`);
    }

    // The shuffle at sales_start.
    await db.owner.query("update app_public.events set sales_start = now() - interval '1 second' where id = $1", [eventId]);
    const stopCpu = measureCpu([instance.pid]);
    const drawSent = performance.now();
    await db.owner.query("select app_private.release_draw($1)", [eventId]);
    const drawMs = performance.now() - drawSent;
    await until(() => watched.every((w) => w.placedAt !== undefined || w.ended), "every student's place");
    const placeCpu = stopCpu();
    const placed = watched.filter((w) => w.placedAt !== undefined);
    const placePushedMs = summarize(placed.map((w) => w.placedAt! - drawSent));
    if (placed.length !== students.length) problems.push(`${students.length - placed.length} students were never pushed a place`);

    // Admission waves.
    const waves: QueueWave[] = [];
    let pushedFrom = drawSent;
    let booked = 0;
    const done = new Set<number>();
    for (let wave = 1; wave <= WAVES; wave++) {
      const admitted = watched.flatMap((w, i) => (w.state === "admitted" && !done.has(i) ? [i] : []));
      const expected = Math.min(seats - booked, students.length - done.size);
      if (admitted.length !== expected) problems.push(`wave ${wave}: ${admitted.length} admitted, ${expected} seats left`);
      const overAdmitted = await db.owner.query<{ n: number }>(
        `select count(*)::int as n from app_public.queue_entries q join app_public.events e on e.id = q.event_id
         where q.event_id = $1 and q.state = 'admitted' having count(*) > min(e.tickets_remaining)`,
        [eventId],
      );
      if (overAdmitted.rows.length) problems.push(`wave ${wave}: more admitted than seats left`);
      const admittedPushMs = summarize(admitted.map((i) => watched[i]!.admittedAt! - pushedFrom));
      const last = wave === WAVES;
      const lapsing = last ? 0 : Math.floor(admitted.length * LAPSING);
      const booking = admitted.slice(lapsing);
      const answers = await Promise.all(booking.map((i) => http.post(BOOK_TICKET, { e: eventId }, students[i]!.token)));
      const refused = answers.filter((a) => a.outcome !== "OK");
      if (refused.length) problems.push(`wave ${wave}: ${refused.length} admitted students refused: ${refused[0]!.outcome}`);
      booked += answers.length - refused.length;
      for (const i of admitted) done.add(i);
      waves.push({ wave, admitted: admitted.length, booked: answers.length - refused.length, lapsed: lapsing, admittedPushMs, bookingMs: summarize(answers.map((a) => a.ms)) });
      if (last || lapsing === 0) break;
      // The lapsing students' turns end; the tick passes their seats on.
      await db.owner.query(
        "update app_public.queue_entries set admitted_until = now() - interval '1 second' where event_id = $1 and state = 'admitted'",
        [eventId],
      );
      pushedFrom = performance.now();
      await db.owner.query("select app_private.release_tick($1)", [eventId]);
      const nextWave = Math.min(lapsing, students.length - done.size);
      await until(() => watched.filter((w, i) => !done.has(i) && w.state === "admitted").length >= nextWave, `wave ${wave + 1}'s admissions`);
    }

    const lottery = await lotteryDraw(ctx);
    if (lottery.problem) problems.push(lottery.problem);

    const truth = await eventTruth(db.owner, eventId);
    if (truth.liveTickets !== booked || truth.mostPerStudent > 1) problems.push(`tickets: ${JSON.stringify(truth)} for ${booked} bookings`);
    if (booked === seats && truth.ticketsRemaining !== 0) problems.push(`${truth.ticketsRemaining} seats left after every seat was booked`);
    return {
      students: students.length,
      seats,
      joinMs: summarize(joinTimes),
      drawMs: Math.round(drawMs * 10) / 10,
      placePushedMs,
      placesPushed: placed.length,
      placeCpu,
      waves,
      lottery: { entries: lottery.entries, seats: lottery.seats, drawMs: lottery.drawMs },
      correct: problems.length === 0,
      problems: problems.slice(0, 10),
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    http.close();
  }
}

/** A lottery of --large-rush-students entries, drawn: the draw's own time, and whether it gave the seats' worth of wins. */
async function lotteryDraw(ctx: BenchContext) {
  const { db, options } = ctx;
  const entrants = ctx.students.slice(0, options.largeRushStudents);
  const seats = Math.min(options.largeRushTickets, entrants.length);
  const { rows } = await db.owner.query<{ id: number }>(
    `insert into app_public.events (name, venue, starts_at, total_tickets, release_mode, lottery_closes_at)
     values ($1, 'Bench Hall', now() + interval '30 days', $2, 'lottery', now() + interval '1 day') returning id`,
    [`Lottery ${Date.now().toString(36)}`, seats],
  );
  const eventId = rows[0]!.id;
  await db.owner.query("insert into app_public.lottery_entries (event_id, user_id) select $1, u from unnest($2::int[]) u", [
    eventId,
    entrants.map((s) => s.id),
  ]);
  await db.owner.query("update app_public.events set lottery_closes_at = now() - interval '1 second' where id = $1", [eventId]);
  const sent = performance.now();
  await db.owner.query("select app_private.release_draw($1)", [eventId]);
  const drawMs = Math.round((performance.now() - sent) * 10) / 10;
  const won = await db.owner.query<{ n: number }>("select count(*)::int as n from app_public.lottery_entries where event_id = $1 and state = 'won'", [eventId]);
  const problem = won.rows[0]!.n === seats ? undefined : `lottery: ${won.rows[0]!.n} wins for ${seats} seats`;
  return { entries: entrants.length, seats, drawMs, problem };
}

/** Resolves once `test` holds (checked every 5 ms), or fails after WAIT_MS saying what it waited for. */
async function until(test: () => boolean, what: string) {
  const deadline = performance.now() + WAIT_MS;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`queue release: no ${what} within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
