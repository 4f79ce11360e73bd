// `npm run seed`'s demo data, written through the API's own SQL functions:
// what a newcomer sees (a dozen upcoming events in every state the app shows,
// a leaderboard with sales), demo accounts that sign in, a second run that
// changes nothing, and a refusal in production before anything is touched.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts, seedDemoData } from "../../src/demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

interface Row { name: string; state: string; remaining: number; total: number; price: number; waiting: number; category: string | null }

async function upcoming(): Promise<Row[]> {
  const { rows } = await db.owner.query<Row>(
    `select e.name, app_public.events_sales_state(e)::text as state, e.tickets_remaining as remaining, e.total_tickets as total,
            e.price_cents as price, c.name::text as category,
            (select count(*) from app_public.waitlist_entries w where w.event_id = e.id and w.status::text = 'waiting')::int as waiting
     from app_public.events e left join app_public.categories c on c.id = e.category_id
     where e.starts_at > now() order by e.starts_at`,
  );
  return rows;
}

const signIn = (email: string, password: string) =>
  db.withSettings({ role: "ticketing_anonymous", "ticketing.client_address": "203.0.113.9" }, async (c) =>
    (await c.query<{ user_id: number | null; role: string | null }>("select user_id, role from app_hidden.authenticate($1, $2)", [email, password])).rows[0]);

describe("npm run seed", () => {
  it("makes a dozen upcoming events, free and paid, one nearly sold out, one sold out with a waitlist, one not on sale yet", async () => {
    const outcome = await seedDemoData(db);
    expect(outcome.eventsCreated).toBe(12);
    const events = await upcoming();
    expect(events).toHaveLength(12);
    expect(events.every((e) => e.category !== null)).toBe(true);
    expect(events.filter((e) => e.price === 0).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.price > 0).length).toBeGreaterThan(0);
    const soldOut = events.filter((e) => e.state === "sold_out");
    expect(soldOut).toHaveLength(1);
    expect(soldOut[0]!.waiting).toBeGreaterThan(0);
    expect(events.filter((e) => e.state === "not_open")).toHaveLength(1);
    // Nearly sold out: on sale with a tenth of the seats or fewer left (the web app's "Few left").
    expect(events.some((e) => e.state === "on_sale" && e.remaining > 0 && e.remaining <= Math.max(3, e.total / 10))).toBe(true);
    // The leaderboard has sales to show at once.
    const { rows: board } = await db.owner.query("select * from app_public.event_leaderboard where tickets_sold > 0");
    expect(board.length).toBeGreaterThanOrEqual(3);
  });

  it("gives every event a picture of its own, made as an upload's would be (two WebP sizes)", async () => {
    const { rows } = await db.owner.query<{ url: string | null; list: Buffer | null; page: Buffer | null }>(
      `select app_public.events_image_url(e) as url, (select bytes from app_hidden.event_image(e.id, 'list')) as list,
              (select bytes from app_hidden.event_image(e.id, 'page')) as page
       from app_public.events e where e.starts_at > now()`,
    );
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.url)).size).toBe(12); // one each, none shared
    for (const row of rows) {
      expect(row.url).toMatch(/\/events\/\d+\/image\?v=/);
      expect(row.list?.subarray(8, 12).toString()).toBe("WEBP");
      expect(row.page?.subarray(8, 12).toString()).toBe("WEBP");
    }
  });

  it("prints accounts that sign in as a student and as an admin", async () => {
    expect(await signIn(demoAccounts.student.email, demoAccounts.student.password)).toMatchObject({ role: "student" });
    expect(await signIn(demoAccounts.admin.email, demoAccounts.admin.password)).toMatchObject({ role: "admin" });
  });

  it("run again, it adds and changes nothing", async () => {
    const before = await upcoming();
    const { rows: [tickets] } = await db.owner.query("select count(*)::int as n from app_public.tickets");
    const outcome = await seedDemoData(db);
    expect(outcome).toEqual({ eventsCreated: 0, eventsKept: 12, accountsCreated: 0 });
    expect(await upcoming()).toEqual(before);
    expect((await db.owner.query("select count(*)::int as n from app_public.tickets")).rows[0]).toEqual(tickets);
  });

  it("refuses in production, saying why, and touches no database", () => {
    const result = spawnSync(process.execPath, ["src/cli/seed.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refuses to run with NODE_ENV=production: it creates demo accounts whose passwords are published/);
    expect(result.stdout).toBe("");
  });
});
