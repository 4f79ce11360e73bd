// Event moments the database keeps are ones every answer can write as ISO 8601:
// finite, from the year 1000 to 9999 (UTC). Refused with INVALID_INPUT naming
// the field when an admin sends one, by a CHECK constraint for anyone else;
// and a database holding such rows from before (migrated to 000014) upgrades.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Logger, migrate } from "graphile-migrate";
import { clearAllPools } from "graphile-migrate/dist/pgReal.js";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import { installWorkerSchema, MIGRATIONS_FOLDER } from "../../src/db/migrate.ts";
import { toAppError } from "../../src/errors.ts";
import { log } from "../../src/log.ts";
import { useTestDatabase } from "../helpers/db.ts";
import { insertEvent } from "../helpers/fixtures.ts";

const t = useTestDatabase();

const call = t.rowsAs;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; detail?: string; hint?: string }) => ({ code: error.code, detail: error.detail, field: error.hint }),
  );

const IMPOSSIBLE = ["infinity", "-infinity", "10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00", "0999-12-31T23:59:59Z"];

describe("an admin", () => {
  it.each(IMPOSSIBLE)("cannot create an event starting at %s", async (moment) => {
    const before = (await t.db.owner.query("select count(*)::int as n from app_public.events")).rows[0].n;
    expect(await refusal(call(t.admin, "select app_public.create_event('Gig', 'Hall', $1, 10)", [moment]))).toEqual({
      code: "TK400",
      detail: "INVALID_INPUT",
      field: "starts_at",
    });
    expect((await t.db.owner.query("select count(*)::int as n from app_public.events")).rows[0].n).toBe(before);
  });

  it("cannot open or close sales at an impossible moment, nor move an event to one", async () => {
    const create = "select app_public.create_event('Gig', 'Hall', now() + interval '1 day', 10, sales_start => $1, sales_end => $2)";
    expect(await refusal(call(t.admin, create, ["-infinity", null]))).toMatchObject({ detail: "INVALID_INPUT", field: "sales_start" });
    expect(await refusal(call(t.admin, create, [null, "0500-01-01T00:00:00Z"]))).toMatchObject({ detail: "INVALID_INPUT", field: "sales_end" });

    const event = await insertEvent(t.db);
    for (const [field, moment] of [["starts_at", "infinity"], ["sales_start", "-infinity"], ["sales_end", "10000-06-01T00:00:00Z"]] as const) {
      expect(await refusal(call(t.admin, `select app_public.update_event($1, ${field} => $2)`, [event.id, moment]))).toEqual({
        code: "TK400",
        detail: "INVALID_INPUT",
        field,
      });
    }
    const { rows } = await t.db.owner.query("select starts_at, sales_start, sales_end from app_public.events where id = $1", [event.id]);
    expect(rows[0].sales_start).toBeNull();
    expect(rows[0].starts_at.getUTCFullYear()).toBeLessThan(10000);
  });

  it("can still use the last moment of year 9999", async () => {
    const [row] = await call(t.admin, "select (app_public.create_event('Far', 'Hall', '9999-12-31T23:59:59.999999Z', 10)).starts_at as s");
    expect(row.s.toISOString()).toBe("9999-12-31T23:59:59.999Z");
  });
});

describe("the table itself", () => {
  it.each([
    ["starts_at", "infinity"],
    ["sales_start", "-infinity"],
    ["sales_end", "-infinity"],
  ])("refuses %s = %s with a constraint the API answers as INVALID_INPUT for that field", async (field, moment) => {
    const values: Record<string, string | null> = { starts_at: "2100-01-01T00:00:00Z", sales_start: null, sales_end: null, [field]: moment };
    const failure = await t.db.owner
      .query(
        "insert into app_public.events (name, venue, starts_at, total_tickets, sales_start, sales_end) values ('Gig', 'Hall', $1, 10, $2, $3)",
        [values.starts_at, values.sales_start, values.sales_end],
      )
      .then(
        () => undefined,
        (error) => error,
      );
    expect(failure).toMatchObject({ code: "23514", constraint: `events_${field}_valid` });
    expect(toAppError(failure)).toMatchObject({ status: 400, code: "INVALID_INPUT", field });
  });
});

describe("a database migrated to 000014 with impossible moments", () => {
  const adminUrl = () => inject("pgAdminUrl");
  const name = `ticketing_test_${randomBytes(6).toString("hex")}`;
  const folder = mkdtempSync(join(tmpdir(), "ticketing-migrations-"));
  afterAll(async () => {
    clearAllPools();
    rmSync(folder, { recursive: true, force: true });
    await dropDatabase(adminUrl(), name);
  });

  /** Migrate to (and including) the committed migration numbered `upTo`, as a deployment of that release did. */
  async function migrateTo(ownerUrl: string, upTo: number) {
    mkdirSync(join(folder, "committed"), { recursive: true });
    for (const file of readdirSync(join(MIGRATIONS_FOLDER, "committed"))) {
      if (Number(file.slice(0, 6)) <= upTo) copyFileSync(join(MIGRATIONS_FOLDER, "committed", file), join(folder, "committed", file));
    }
    await migrate({ connectionString: ownerUrl, migrationsFolder: folder, logger: new Logger(() => () => {}) });
  }

  it("upgrades, moving each moment to the nearest writable one and keeping every window valid", async () => {
    await createDatabase(adminUrl(), name);
    const ownerUrl = withDatabase(adminUrl(), name);
    await installWorkerSchema(ownerUrl, log.child({}, { level: "warn" }));
    await migrateTo(ownerUrl, 14);

    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      // What createEvent/updateEvent let an admin write before: each row satisfied every rule of 000014.
      await client.query(`
        insert into app_public.events (name, venue, starts_at, total_tickets, sales_start, sales_end) values
          ('at infinity', 'Hall', 'infinity', 10, null, null),
          ('in year 20000', 'Hall', '20000-01-01Z', 10, '15000-01-01Z', '19000-01-01Z'),
          ('window collapses', 'Hall', 'infinity', 10, '30000-01-01Z', null),
          ('open since forever', 'Hall', '2100-01-01Z', 10, '-infinity', null),
          ('closes at infinity', 'Hall', 'infinity', 10, '2020-01-01Z', 'infinity'),
          ('ordinary', 'Hall', '2100-01-01Z', 10, null, null)`);
      const holders = await client.query("insert into app_public.users (name, email) values ('Holder', 'holder@example.edu') returning id");
      await client.query("insert into app_public.tickets (event_id, user_id, check_in_code) select id, $1, 'TKT-1' from app_public.events where name = 'at infinity'", [
        holders.rows[0].id,
      ]);
      await client.query("delete from app_private.outbox");

      await migrateTo(ownerUrl, 15);

      const { rows } = await client.query(
        "select name, starts_at::text, sales_start::text, sales_end::text from app_public.events order by id",
      );
      expect(rows).toEqual([
        { name: "at infinity", starts_at: "9999-12-31 23:59:59+00", sales_start: null, sales_end: null },
        { name: "in year 20000", starts_at: "9999-12-31 23:59:59+00", sales_start: "9999-12-31 23:59:58+00", sales_end: "9999-12-31 23:59:59+00" },
        { name: "window collapses", starts_at: "9999-12-31 23:59:59+00", sales_start: "9999-12-31 23:59:58+00", sales_end: null },
        { name: "open since forever", starts_at: "2100-01-01 00:00:00+00", sales_start: "1000-01-01 00:00:00+00", sales_end: null },
        { name: "closes at infinity", starts_at: "9999-12-31 23:59:59+00", sales_start: "2020-01-01 00:00:00+00", sales_end: "9999-12-31 23:59:59+00" },
        { name: "ordinary", starts_at: "2100-01-01 00:00:00+00", sales_start: null, sales_end: null },
      ]);
      // A repair, not an admin's edit: the ticket holder is not told their event "changed".
      expect((await client.query("select count(*)::int as n from app_private.outbox")).rows[0].n).toBe(0);
      const disabled = await client.query("select tgname from pg_trigger where tgrelid = 'app_public.events'::regclass and tgenabled = 'D'");
      expect(disabled.rows).toEqual([]); // and the triggers are back on for everything after it
      const constraints = await client.query(
        `select conname, convalidated from pg_constraint
         where conrelid = 'app_public.events'::regclass
           and conname in ('events_starts_at_valid', 'events_sales_start_valid', 'events_sales_end_valid')
         order by 1`,
      );
      expect(constraints.rows).toEqual([
        { conname: "events_sales_end_valid", convalidated: true },
        { conname: "events_sales_start_valid", convalidated: true },
        { conname: "events_starts_at_valid", convalidated: true },
      ]);
    } finally {
      await client.end();
    }
  });
});
