// Arrange data directly as the database owner (fast, no bcrypt), and mint the
// students' tokens the way login does. The bench only needs the public
// contract: tables app_public.users/events/tickets and signed JWTs.
import type pg from "pg";
import { signToken, type JwtSettings } from "../src/auth/jwt.ts";

export interface Student {
  id: number;
  token: string;
}

let batch = 0;

/** `count` students with tokens; every booking in a timed load uses its own. */
export async function createStudents(owner: pg.Pool, jwt: JwtSettings, count: number): Promise<Student[]> {
  const prefix = `bench-${process.pid}-${Date.now().toString(36)}-${batch++}`;
  const students: Student[] = [];
  // In slices, so a large pool does not become one huge statement.
  for (let from = 1; from <= count; from += 10_000) {
    const to = Math.min(count, from + 9_999);
    const { rows } = await owner.query<{ id: number }>(
      // Verified, as every student who may book on a production server is.
      `insert into app_public.users (name, email, role, email_verified_at)
       select 'Bench student ' || n, $1 || '-' || n || '@bench.example.edu', 'student', now()
       from generate_series($2::int, $3::int) n returning id`,
      [prefix, from, to],
    );
    // Each a session of its own, as login starts one (a token names its session).
    const sessions = await owner.query<{ id: number; user_id: number }>(
      `insert into app_private.sessions (user_id, expires_at)
       select u, now() + make_interval(secs => $2) from unnest($1::int[]) u returning id, user_id`,
      [rows.map((row) => row.id), jwt.ttlSeconds],
    );
    for (const session of sessions.rows) {
      students.push({ id: session.user_id, token: signToken({ user_id: session.user_id, role: "student", session_id: session.id }, jwt) });
    }
  }
  return students;
}

/** An upcoming event; the database's trigger fills tickets_remaining. */
export async function createEvent(owner: pg.Pool, name: string, totalTickets: number, maxPerStudent = 1): Promise<number> {
  const { rows } = await owner.query<{ id: number }>(
    `insert into app_public.events (name, venue, starts_at, total_tickets, max_tickets_per_student)
     values ($1, 'Bench Hall', now() + interval '30 days', $2, $3) returning id`,
    [`${name} ${Date.now().toString(36)}`, totalTickets, maxPerStudent],
  );
  return rows[0]!.id;
}

export interface EventTruth {
  totalTickets: number;
  ticketsRemaining: number;
  liveTickets: number;
  /** Most live tickets any one student holds for this event. */
  mostPerStudent: number;
}

/** What the database says about an event, as the owner (no RLS). */
export async function eventTruth(owner: pg.Pool, eventId: number): Promise<EventTruth> {
  const { rows } = await owner.query(
    `select e.total_tickets, e.tickets_remaining,
       (select count(*)::int from app_public.tickets t where t.event_id = e.id and t.status <> 'cancelled') as live,
       (select coalesce(max(n), 0)::int from (select count(*) as n from app_public.tickets t
          where t.event_id = e.id and t.status <> 'cancelled' group by t.user_id) s) as most
     from app_public.events e where e.id = $1`,
    [eventId],
  );
  const row = rows[0];
  return {
    totalTickets: row.total_tickets,
    ticketsRemaining: row.tickets_remaining,
    liveTickets: row.live,
    mostPerStudent: row.most,
  };
}
