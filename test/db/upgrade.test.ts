// A database that runs the migrations before "one vocabulary" (statuses and sales
// states as enums), with tickets, waitlist entries and a leaderboard in it, upgrades
// to the newest migration and keeps all of it: statuses that were text become the enums with the same values, and what
// the migration drops to change them (the leaderboard) is there again, filled.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger, migrate } from "graphile-migrate";
import { clearAllPools } from "graphile-migrate/dist/pgReal.js";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { installWorkerSchema, MIGRATIONS_FOLDER } from "../../src/db/migrate.ts";
import { log } from "../../src/log.ts";

const committed = readdirSync(join(MIGRATIONS_FOLDER, "committed")).filter((name) => name.endsWith(".sql")).sort();
const vocabulary = committed.findIndex((file) => /-one-vocabulary-/.test(file));
const name = `ticketing_upgrade_${process.pid}_${Date.now().toString(36)}`;
const folder = mkdtempSync(join(tmpdir(), "ticketing-upgrade-"));
const quiet = log.child({}, { level: "warn" });

afterAll(async () => {
  clearAllPools();
  await dropDatabase(inject("pgAdminUrl"), name);
  rmSync(folder, { recursive: true, force: true });
});

async function migrateWith(url: string, files: string[]) {
  mkdirSync(join(folder, "committed"), { recursive: true });
  mkdirSync(join(folder, "current"), { recursive: true });
  for (const file of files) copyFileSync(join(MIGRATIONS_FOLDER, "committed", file), join(folder, "committed", file));
  await migrate({ connectionString: url, migrationsFolder: folder, logger: new Logger(() => () => {}) });
  clearAllPools();
}

describe(`the migration to enums (${committed[vocabulary]})`, () => {
  it("upgrades a database in use without losing a ticket, an entry or the leaderboard", { timeout: 120_000 }, async () => {
    const url = withDatabase(inject("pgAdminUrl"), name);
    await createDatabase(inject("pgAdminUrl"), name);
    await installWorkerSchema(url, quiet);
    expect(vocabulary).toBeGreaterThan(0);
    await migrateWith(url, committed.slice(0, vocabulary));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`
        insert into app_public.users (name, email, role) select 'S' || n, 's' || n || '@example.edu', 'student' from generate_series(1, 6) n;
        insert into app_public.events (name, venue, starts_at, total_tickets) values ('Gig', 'Hall', now() + interval '1 day', 10);
        insert into app_public.tickets (event_id, user_id, status, check_in_code, confirmed_at, hold_expires_at, cancelled_at)
        select e.id, u.id, s.status,
               case when s.status = 'confirmed' then 'TKT-' || u.id end,
               case when s.status = 'confirmed' then now() end,
               case when s.status in ('pending', 'offered') then now() + interval '10 minutes' end,
               case when s.status = 'cancelled' then now() end
        from app_public.events e,
             (select id, row_number() over (order by id) as n from app_public.users) u
             join (values (1, 'pending'), (2, 'offered'), (3, 'confirmed'), (4, 'cancelled'), (5, 'expired')) s(n, status) on s.n = u.n;
        insert into app_public.waitlist_entries (event_id, user_id, status)
        select e.id, u.id, s.status from app_public.events e,
             (select id, row_number() over (order by id) as n from app_public.users) u
             join (values (1, 'waiting'), (2, 'offered'), (3, 'accepted'), (4, 'lapsed'), (5, 'left')) s(n, status) on s.n = u.n;
        refresh materialized view app_public.event_leaderboard;
      `);
      const read = async () => ({
        tickets: (await client.query("select user_id, status::text from app_public.tickets order by user_id")).rows,
        entries: (await client.query("select user_id, status::text from app_public.waitlist_entries order by user_id")).rows,
        leaderboard: (await client.query("select event_id, tickets_sold from app_public.event_leaderboard")).rows,
      });
      const before = await read();
      expect(before.tickets.map((t) => t.status)).toEqual(["pending", "offered", "confirmed", "cancelled", "expired"]);
      expect(before.leaderboard).toEqual([{ event_id: expect.any(Number), tickets_sold: 1 }]);

      await migrateWith(url, committed);

      expect(await read()).toEqual(before);
      const { rows } = await client.query(
        `select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
         where a.attrelid in ('app_public.tickets'::regclass, 'app_public.waitlist_entries'::regclass) and a.attname = 'status'
         order by a.attrelid::regclass::text`,
      );
      expect(rows.map((row) => row.type)).toEqual(["app_public.ticket_status", "app_public.waitlist_entry_status"]);
      // The leaderboard's readers are back, with their grants.
      const popular = await client.query("set role ticketing_anonymous; select event_id, tickets_sold from app_public.popular_events(5)");
      expect((popular as unknown as pg.QueryResult[])[1]!.rows).toEqual(before.leaderboard);
    } finally {
      await client.end();
    }
  });
});
