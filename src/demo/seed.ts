// Demo data for a first look (`npm run seed`), written through the same SQL
// functions the API calls, as the same roles: create_event as the demo admin,
// book_ticket and join_waitlist as demo students. Idempotent: accounts and
// events that exist (by email, by name among upcoming events) are kept as they
// are, so a second run adds nothing.
import pg from "pg";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { demoCategories, demoEvents, type DemoEvent } from "./events.ts";
import { demoPoster } from "./posters.ts";

/** Published credentials: the seed refuses to run in production (src/cli/seed.ts). */
export const demoAccounts = {
  student: { name: "Sam Student", email: "student@demo.example.edu", password: "demo-student-password" },
  admin: { name: "Alex Admin", email: "admin@demo.example.edu", password: "demo-admin-password" },
};
const FANS = 14;
const fanEmail = (n: number) => `fan${n}@demo.example.edu`;

export interface SeedOutcome {
  eventsCreated: number;
  eventsKept: number;
  accountsCreated: number;
}

export async function seedDemoData(urls: { ownerUrl: string; authUrl: string }): Promise<SeedOutcome> {
  const owner = new pg.Client({ connectionString: urls.ownerUrl });
  const requests = new pg.Pool({ connectionString: urls.authUrl, max: 2 });
  requests.on("error", () => {}); // an idle connection cut by the server is no failure of the seed
  await owner.connect();
  const outcome: SeedOutcome = { eventsCreated: 0, eventsKept: 0, accountsCreated: 0 };
  try {
    const account = async (name: string, email: string, password: string, role: "student" | "admin") => {
      const { rows } = await owner.query<{ id: number; role: string }>("select id, role from app_public.users where email = $1::citext", [email]);
      if (rows[0]) {
        if (rows[0].role !== role) throw new Error(`${email} is already used by a ${rows[0].role} account; the seed leaves it alone.`);
        return rows[0].id;
      }
      const created = await owner.query<{ id: number }>("select id from app_private.create_user($1, $2, $3, $4)", [name, email, password, role]);
      // Demo students may book where the college requires verified emails.
      await owner.query("update app_public.users set email_verified_at = now() where id = $1 and email_verified_at is null", [created.rows[0]!.id]);
      outcome.accountsCreated++;
      return created.rows[0]!.id;
    };
    const adminId = await account(demoAccounts.admin.name, demoAccounts.admin.email, demoAccounts.admin.password, "admin");
    await account(demoAccounts.student.name, demoAccounts.student.email, demoAccounts.student.password, "student");
    const fans: number[] = [];
    for (let n = 1; n <= FANS; n++) fans.push(await account(`Demo Fan ${n}`, fanEmail(n), `fan-${n}-${crypto.randomUUID()}`, "student"));

    const asAdmin = <T>(work: (c: pg.PoolClient) => Promise<T>) => withPgSettings(requests, pgSettingsFor({ user_id: adminId, role: "admin" }), work);
    const asStudent = <T>(id: number, work: (c: pg.PoolClient) => Promise<T>) =>
      withPgSettings(requests, pgSettingsFor({ user_id: id, role: "student" }), work);

    const categories = new Map<string, number>();
    for (const name of demoCategories) {
      const id = await asAdmin(async (c) => {
        const found = await c.query<{ id: number }>("select id from app_public.categories where name = $1::citext", [name]);
        if (found.rows[0]) return found.rows[0].id;
        return (await c.query<{ id: number }>("insert into app_public.categories (name) values ($1) returning id", [name])).rows[0]!.id;
      });
      categories.set(name, id);
    }

    for (const event of demoEvents) {
      const existing = await owner.query("select 1 from app_public.events where name = $1 and starts_at > now()", [event.name]);
      if (existing.rowCount) {
        outcome.eventsKept++;
        continue;
      }
      const eventId = await asAdmin(async (c) => (await c.query<{ id: number }>(
        `select id from app_public.create_event(name => $1, venue => $2, starts_at => $3, total_tickets => $4, description => $5,
           max_tickets_per_student => $6, category_id => $7, price_cents => $8, sales_start => $9)`,
        [event.name, event.venue, startOf(event), event.totalTickets, event.description, event.maxTicketsPerStudent ?? 1,
          categories.get(event.category) ?? null, event.priceCents ?? 0, salesStartOf(event)],
      )).rows[0]!.id);
      outcome.eventsCreated++;
      // Its poster, stored as an upload's image would be (as the admin, through the same SQL function).
      const poster = await demoPoster(event.name);
      await asAdmin((c) => c.query("select app_hidden.set_event_image($1, $2, $3, $4, $5)", [eventId, poster.etag, poster.contentType, poster.list, poster.page]));
      await fill(event, eventId, fans, asStudent);
    }
    // The leaderboard is refreshed by the worker every minute; the first look should not wait for it.
    await owner.query("refresh materialized view app_public.event_leaderboard");
    return outcome;
  } finally {
    await owner.end();
    await requests.end();
  }
}

/** Free events only: fans book one ticket each (confirmed at once), then the next fans queue. */
async function fill(event: DemoEvent, eventId: number, fans: number[],
  asStudent: <T>(id: number, work: (c: pg.PoolClient) => Promise<T>) => Promise<T>) {
  if (event.priceCents) return;
  const booked = event.booked ?? 0;
  for (const fan of fans.slice(0, booked)) {
    await asStudent(fan, (c) => c.query("select id from app_hidden.book_ticket($1, $2)", [eventId, `demo-seed-${eventId}-${fan}`]));
  }
  for (const fan of fans.slice(booked, booked + (event.waiting ?? 0))) {
    await asStudent(fan, (c) => c.query("select id from app_public.join_waitlist($1)", [eventId]));
  }
}

function startOf(event: DemoEvent): Date {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + event.inDays);
  at.setUTCHours(event.atHourUtc, 0, 0, 0);
  return at;
}

function salesStartOf(event: DemoEvent): Date | null {
  if (event.salesOpenInDays === undefined) return null;
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + event.salesOpenInDays);
  at.setUTCMinutes(0, 0, 0);
  return at;
}
