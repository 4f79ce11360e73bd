// A campus behind one NAT address: hundreds of students join one event's queue
// at once, all counted against the same per-address bound. The bound is kept
// (atomic, shared by every connection) without making every join wait for the
// one before it to commit: the address's count is spread over shards
// (app_private.count_spread_hit, db/schema/throttling.sql), while each student's
// own count stays one strict row. Real connections, each a request transaction
// as PostGraphile runs it (the join, then a second statement reading the answer).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { pgSettingsFor } from "../../src/auth/pg-settings.ts";
import type { Claims } from "../../src/auth/jwt.ts";
import { useTestDatabase } from "../helpers/db.ts";
import { insertUsers } from "../helpers/fixtures.ts";
import { createReleaseEvent } from "../helpers/release.ts";
import { inTurns, refusal } from "../helpers/turns.ts";

const t = useTestDatabase();
const CAMPUS = "198.51.100.7";
const CONNECTIONS = 32;

type Answer = { ok: true } | { ok: false; code: string; detail?: string };

/** Every student joins once, from the campus address, on CONNECTIONS parallel connections; the wall time and each answer. */
async function joinAll(eventId: number, students: Claims[]): Promise<{ ms: number; answers: Answer[] }> {
  const clients = Array.from({ length: CONNECTIONS }, () => new pg.Client({ connectionString: t.db.authUrl }));
  await Promise.all(clients.map((c) => c.connect()));
  const answers: Answer[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (next < students.length) {
          const student = students[next++]!;
          const settings = pgSettingsFor(student, CAMPUS);
          try {
            await client.query("begin");
            await client.query("select set_config(k, v, true) from json_each_text($1) as s(k, v)", [JSON.stringify(settings)]);
            const { rows } = await client.query("select id from app_public.join_queue($1)", [eventId]);
            await client.query("select state from app_public.queue_entries where id = $1", [rows[0].id]);
            await client.query("commit");
            answers.push({ ok: true });
          } catch (error) {
            await client.query("rollback");
            const { code, detail } = error as { code: string; detail?: string };
            answers.push({ ok: false, code, detail });
          }
        }
      }),
    );
    return { ms: performance.now() - started, answers };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

const joinFromCampus = (eventId: number) => ({
  sql: "select state from app_public.join_queue($1)",
  params: [eventId],
});

describe("students joining from one network address", () => {
  it("do not wait for each other: a join from the same address goes through while another's transaction is still open", async () => {
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const [earlier, first, second] = await insertUsers(t.db, 3, "student", { verified: true });
    // The address's first join of the window makes its counters (those racing it wait for that once).
    await t.db.withSettings(pgSettingsFor(earlier!, CAMPUS), (c) => c.query("select app_public.join_queue($1)", [event.id]));
    const { first: a, second: b, secondWaited } = await inTurns(
      t.db,
      { claims: first!, clientAddress: CAMPUS, ...joinFromCampus(event.id) },
      { claims: second!, clientAddress: CAMPUS, ...joinFromCampus(event.id) },
    );
    expect(refusal(a)).toBeUndefined();
    expect(refusal(b)).toBeUndefined();
    expect(secondWaited).toBe(false);
    const counted = await t.db.owner.query(
      "select coalesce(sum(hits), 0)::int as hits from app_private.throttle_counters where rule = 'release_joins_per_address' and subject = $1",
      [CAMPUS],
    );
    expect(counted.rows[0].hits).toBe(3);
  });

  it(`all get in when ${240} race on ${CONNECTIONS} connections, and the address's bound still refuses the one past it`, async () => {
    await t.db.owner.query("delete from app_private.throttle_counters");
    const event = await createReleaseEvent(t.db, t.admin, "queue");
    const students = await insertUsers(t.db, 240, "student", { verified: true });
    const { ms, answers } = await joinAll(event.id, students);
    console.log(`240 joins from one address on ${CONNECTIONS} connections: ${Math.round(ms)} ms`);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const { rows } = await t.db.owner.query("select count(*)::int as n from app_public.queue_entries where event_id = $1", [event.id]);
    expect(rows[0].n).toBe(240);

    // The bound, made small, raced past: exactly that many get a place, every other is told why.
    await t.db.owner.query("delete from app_private.throttle_counters");
    const rule = "release_joins_per_address";
    const { max_hits: limit } = (await t.db.owner.query("select max_hits from app_private.throttle_rules where rule = $1", [rule])).rows[0];
    await t.db.owner.query("update app_private.throttle_rules set max_hits = 100 where rule = $1", [rule]);
    try {
      const bounded = await createReleaseEvent(t.db, t.admin, "queue");
      const raced = await joinAll(bounded.id, await insertUsers(t.db, 160, "student", { verified: true }));
      const refused = raced.answers.filter((a): a is Extract<Answer, { ok: false }> => !a.ok);
      expect(raced.answers.filter((a) => a.ok)).toHaveLength(100);
      expect(new Set(refused.map((a) => `${a.code} ${a.detail}`)), JSON.stringify(refused.filter((a) => a.code !== "TK429"))).toEqual(new Set(["TK429 TOO_MANY_ATTEMPTS"]));
      const entries = await t.db.owner.query("select count(*)::int as n from app_public.queue_entries where event_id = $1", [bounded.id]);
      expect(entries.rows[0].n).toBe(100);
    } finally {
      await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, limit]);
    }
  });
});
