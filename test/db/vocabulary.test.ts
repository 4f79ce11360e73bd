// One vocabulary (db/schema/errors.sql, the enums): every refusal SQL raises is a
// row of the catalogue, the catalogue says each reason once, and the field bounds
// the messages name are the CHECK constraints' own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const SCHEMA_DIR = new URL("../../db/schema/", import.meta.url).pathname;
const sql = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith(".sql"))
  .map((file) => ({ file, text: readFileSync(join(SCHEMA_DIR, file), "utf8") }));

/**
 * Every reason db/schema/ raises: fail('REASON' …), and the refusals allocate_seats and sales_state_error
 * answer with; each with the first file (in load order) that raises it.
 */
function reasonsRaised(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (reason: string, file: string) => found.has(reason) || found.set(reason, file);
  for (const { file, text } of sql) {
    for (const match of text.matchAll(/app_private\.fail\(\s*'([^']+)'/g)) add(match[1]!, file);
    for (const match of text.matchAll(/\berror := '([^']+)'/g)) add(match[1]!, file);
    for (const match of text.matchAll(/when '[a-z_]+' then '([A-Z][A-Z_]*(?::[a-z_]+)?)'/g)) add(match[1]!, file);
  }
  return found;
}

describe("the error catalogue (app_private.errors)", () => {
  it("has a row for every reason db/schema raises", async () => {
    const raised = reasonsRaised();
    // The scan finds what it should (so a changed call style cannot make this pass by finding nothing).
    expect(raised.get("SOLD_OUT")).toBe("booking.sql");
    expect(raised.get("NOT_FOUND:event")).toBeDefined();
    expect(raised.get("SALES_NOT_OPEN")).toBe("booking.sql");
    expect(raised.size).toBeGreaterThan(40);
    const { rows } = await db.owner.query<{ reason: string }>("select reason from app_private.errors");
    const known = new Set(rows.map((row) => row.reason));
    const missing = [...raised].filter(([reason]) => !known.has(reason)).map(([reason, file]) => `${reason} (${file})`);
    expect(missing).toEqual([]);
  });

  it("says each reason once, with a code that begins it and an HTTP error status", async () => {
    const { rows } = await db.owner.query<{ reason: string; code: string; status: number; message: string }>(
      "select reason, code, status, message from app_private.errors",
    );
    expect(rows.length).toBe(new Set(rows.map((row) => row.reason)).size);
    for (const row of rows) {
      expect(row.reason, row.reason).toMatch(/^[A-Z][A-Z_]*(:[a-z_]+)?$/);
      expect(row.reason.startsWith(row.code), row.reason).toBe(true);
      expect(row.status, row.reason).toBeGreaterThanOrEqual(400);
      expect(row.status, row.reason).toBeLessThan(600);
      expect(row.message.trim(), row.reason).not.toBe("");
    }
  });

  it("raises a reason as errcode TKnnn, its message filled, the code in DETAIL and the field in HINT", async () => {
    const error = await db.owner.query("select app_private.fail('NOT_FOUND:event')").catch((e) => e);
    expect(error).toMatchObject({ code: "TK404", message: "No such event.", detail: "NOT_FOUND" });
    const filled = await db.owner.query("select app_private.fail('INVALID_INPUT:set_and_cleared', 'sales_end', 'sales_end')").catch((e) => e);
    expect(filled).toMatchObject({ code: "TK400", message: "sales_end cannot be both set and cleared.", detail: "INVALID_INPUT", hint: "sales_end" });
    // An unknown reason is the caller's bug, not a client's refusal: no TK errcode.
    const unknown = await db.owner.query("select app_private.fail('NO_SUCH_REASON')").catch((e) => e);
    expect(unknown.code).toBe("P0001");
    expect(unknown.message).toMatch(/no reason NO_SUCH_REASON/);
  });
});

describe("field bounds (app_private.field_bounds)", () => {
  it("reads each bound from its CHECK constraint, and the messages of create_event follow it", async () => {
    const { rows } = await db.owner.query(
      "select table_name, field, is_length, min::int, max::int from app_private.field_bounds where table_name in ('events', 'users') order by 1, 2",
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { table_name: "events", field: "name", is_length: true, min: 1, max: 200 },
        { table_name: "events", field: "description", is_length: true, min: null, max: 5000 },
        { table_name: "events", field: "total_tickets", is_length: false, min: 1, max: 100000 },
        { table_name: "events", field: "hold_minutes", is_length: false, min: 1, max: 1440 },
        { table_name: "users", field: "name", is_length: true, min: 1, max: 100 },
      ]),
    );
    // A DBA widens a constraint: the refusal's words follow, with no other edit.
    await db.owner.query("alter table app_public.events drop constraint events_hold_minutes_valid");
    await db.owner.query("alter table app_public.events add constraint events_hold_minutes_valid check (hold_minutes between 1 and 2880)");
    const error = await db.owner.query("select app_private.check_bounds('events', 'hold_minutes', 3000)").catch((e) => e);
    expect(error).toMatchObject({ code: "TK400", message: "hold_minutes must be between 1 and 2880.", hint: "hold_minutes" });
    await db.owner.query("select app_private.check_bounds('events', 'hold_minutes', 2000)");
  });
});

describe("statuses and sales states are enums", () => {
  it("refuses a ticket or waitlist status outside the type, and keeps the values' order", async () => {
    const { rows } = await db.owner.query<{ ticket: string[]; waitlist: string[]; sales: string[] }>(
      `select enum_range(null::app_public.ticket_status)::text[] as ticket,
              enum_range(null::app_public.waitlist_entry_status)::text[] as waitlist,
              enum_range(null::app_public.sales_state)::text[] as sales`,
    );
    expect(rows[0]).toEqual({
      ticket: ["pending", "offered", "confirmed", "cancelled", "expired"],
      waitlist: ["waiting", "offered", "accepted", "lapsed", "left", "closed"],
      sales: ["not_open", "on_sale", "sold_out", "closed", "started", "cancelled"],
    });
    const error = await db.owner.query("select 'refunded'::app_public.ticket_status").catch((e) => e);
    expect(error.code).toBe("22P02");
  });
});
