// The permission matrix, enforced by the database itself: each statement runs
// as a request role over the authenticator connection, the way the API runs it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
let student: Claims;
let otherStudent: Claims;
let admin: Claims;

beforeAll(async () => {
  db = await createTestDatabase();
  student = await insertUser(db);
  otherStudent = await insertUser(db);
  admin = await insertUser(db, "admin");
});
afterAll(() => db?.drop());

const sqlError = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; detail?: string }) => ({ code: error.code, detail: error.detail }),
  );

const insertEventSql = `insert into app_public.events (name, venue, starts_at, total_tickets)
  values ('Gig', 'Hall', now() + interval '1 day', 10) returning id`;

describe("anonymous", () => {
  it("reads events and upcoming events", async () => {
    const event = await insertEvent(db);
    const rows = await db.as(null, async (c) => (await c.query("select id from app_public.upcoming_events()")).rows);
    expect(rows.map((r) => r.id)).toContain(event.id);
  });

  it("cannot read users, tickets or secrets", async () => {
    for (const table of ["app_public.users", "app_public.tickets", "app_private.user_secrets"]) {
      expect(await sqlError(db.as(null, (c) => c.query(`select * from ${table}`)))).toMatchObject({ code: "42501" });
    }
  });

  it("cannot create or edit events", async () => {
    const event = await insertEvent(db);
    expect(await sqlError(db.as(null, (c) => c.query(insertEventSql)))).toMatchObject({ code: "42501" });
    expect(
      await sqlError(db.as(null, (c) => c.query("update app_public.events set name = 'x' where id = $1", [event.id]))),
    ).toMatchObject({ code: "42501" });
  });

  it("cannot call the admin bootstrap", async () => {
    const error = await sqlError(
      db.as(null, (c) => c.query("select app_private.create_admin('Eve', 'eve@example.edu', 'password123')")),
    );
    expect(error).toMatchObject({ code: "42501" });
  });
});

describe("student", () => {
  it("sees only their own user row", async () => {
    const rows = await db.as(student, async (c) => (await c.query("select id from app_public.users")).rows);
    expect(rows).toEqual([{ id: student.user_id }]);
  });

  it("cannot create or edit events", async () => {
    const event = await insertEvent(db);
    expect(await sqlError(db.as(student, (c) => c.query(insertEventSql)))).toMatchObject({ code: "42501" });
    expect(
      await sqlError(
        db.as(student, (c) => c.query("update app_public.events set total_tickets = 1 where id = $1", [event.id])),
      ),
    ).toMatchObject({ code: "42501" });
  });

  it("cannot write tickets directly", async () => {
    const event = await insertEvent(db);
    const error = await sqlError(
      db.as(student, (c) =>
        c.query("insert into app_public.tickets (event_id, user_id) values ($1, $2)", [event.id, student.user_id]),
      ),
    );
    expect(error).toMatchObject({ code: "42501" });
  });

  it("sees only their own tickets", async () => {
    const event = await insertEvent(db);
    await db.owner.query(
      `insert into app_public.tickets (event_id, user_id, check_in_code)
       values ($1, $2, app_private.new_check_in_code()), ($1, $3, app_private.new_check_in_code())`,
      [
        event.id,
        student.user_id,
        otherStudent.user_id,
      ],
    );
    const rows = await db.as(student, async (c) => (await c.query("select user_id from app_public.tickets")).rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.user_id === student.user_id)).toBe(true);
  });

  it("cannot forge a role by setting claims: the role decides", async () => {
    const rows = await db.as(student, async (c) => {
      await c.query("select set_config('jwt.claims.role', 'admin', true)");
      return (await c.query("select app_public.current_app_role() as role")).rows;
    });
    expect(rows).toEqual([{ role: "student" }]);
  });
});

describe("admin", () => {
  it("creates an event that starts with every seat available", async () => {
    const rows = await db.as(admin, async (c) => (await c.query(insertEventSql.replace("returning id", "returning *"))).rows);
    expect(rows[0]).toMatchObject({ total_tickets: 10, tickets_remaining: 10, created_by: admin.user_id });
  });

  it("cannot set tickets_remaining directly", async () => {
    const event = await insertEvent(db);
    const error = await sqlError(
      db.as(admin, (c) => c.query("update app_public.events set tickets_remaining = 0 where id = $1", [event.id])),
    );
    expect(error).toMatchObject({ code: "42501" });
  });

  it("moves inventory with total_tickets and refuses to go below what is sold", async () => {
    const event = await insertEvent(db, { total_tickets: 10 });
    await db.owner.query("update app_public.events set tickets_remaining = 4 where id = $1", [event.id]); // 6 sold
    const raised = await db.as(admin, async (c) =>
      (await c.query("update app_public.events set total_tickets = 20 where id = $1 returning tickets_remaining", [event.id])).rows[0],
    );
    expect(raised).toEqual({ tickets_remaining: 14 });
    const error = await sqlError(
      db.as(admin, (c) => c.query("update app_public.events set total_tickets = 5 where id = $1", [event.id])),
    );
    expect(error).toMatchObject({ code: "TK409", detail: "BELOW_SOLD" });
    const { rows } = await db.owner.query("select total_tickets, tickets_remaining from app_public.events where id = $1", [event.id]);
    expect(rows[0]).toEqual({ total_tickets: 20, tickets_remaining: 14 });
  });

  it("sees every user and every ticket", async () => {
    const users = await db.as(admin, async (c) => (await c.query("select count(*)::int as n from app_public.users")).rows[0]);
    const truth = (await db.owner.query("select count(*)::int as n from app_public.users")).rows[0];
    expect(users).toEqual(truth);
  });

  it("still cannot read password hashes", async () => {
    expect(await sqlError(db.as(admin, (c) => c.query("select * from app_private.user_secrets")))).toMatchObject({
      code: "42501",
    });
  });
});

describe("function privileges", () => {
  it("grants nothing to PUBLIC: each request role gets exactly its functions", async () => {
    const { rows } = await db.owner.query(`
      select grantee.rolname as grantee, p.pronamespace::regnamespace || '.' || p.proname as function
      from pg_proc p
      cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
      left join pg_roles grantee on grantee.oid = acl.grantee
      where p.pronamespace in ('app_public'::regnamespace, 'app_hidden'::regnamespace, 'app_private'::regnamespace)
        and acl.privilege_type = 'EXECUTE' and (acl.grantee = 0 or grantee.rolname like 'ticketing\\_%')
      order by 1, 2`);
    const byRole = (role: string) => rows.filter((r) => r.grantee === role).map((r) => r.function);
    expect(rows.filter((r) => r.grantee === null)).toEqual([]); // PUBLIC
    // app_public: what GraphQL may expose; app_hidden: called by the server, never exposed.
    expect(byRole("ticketing_anonymous")).toEqual([
      "app_hidden.authenticate", "app_hidden.club_permits", "app_hidden.count_password_reset_request", "app_hidden.count_signup_attempt",
      "app_hidden.event_availability_json", "app_hidden.event_image", "app_hidden.event_image_url", "app_hidden.may_on_event",
      "app_public.clubs_my_role", "app_public.clubs_upcoming_events",
      "app_public.current_app_role", "app_public.current_user_id", "app_public.events_image_url", "app_public.events_lottery_draw",
      "app_public.events_phase", "app_public.events_queue_draw", "app_public.events_queue_stats", "app_public.events_sales_state", "app_public.events_sold_out",
      "app_public.fastest_sellouts", "app_public.me", "app_public.popular_events", "app_public.reset_password", "app_public.signup",
      "app_public.upcoming_events", "app_public.verify_email",
    ]);
    expect(byRole("ticketing_student")).toEqual([
      "app_hidden.book_ticket", "app_hidden.change_password", "app_hidden.close_account_with_link", "app_hidden.delete_account", "app_hidden.may_manage_release",
      // Asks the club rule, as the functions below do; the server calls it with the image it re-encoded.
      "app_hidden.set_event_image", "app_hidden.start_session",
      "app_public.accept_waitlist_offer", "app_public.add_club_member", "app_public.cancel_club_invitation",
      // Club staff are students: these ask the club rule (app_hidden.club_permits) before anything else.
      "app_public.cancel_event", "app_public.cancel_ticket", "app_public.check_in", "app_public.claim_lottery_win", "app_public.clubs_members", "app_public.create_event",
      "app_public.end_all_sessions", "app_public.end_session", "app_public.enter_lottery", "app_public.event_analytics",
      "app_public.event_sales_over_time", "app_public.events_attendees", "app_public.export_my_data",
      "app_public.join_queue", "app_public.join_waitlist", "app_public.leave_queue", "app_public.leave_waitlist", "app_public.logout",
      // The events the caller runs: the club rule decides which (none for a student without a role).
      "app_public.managed_events",
      "app_public.my_clubs", "app_public.my_lottery_entry", "app_public.my_queue_entry", "app_public.my_sessions", "app_public.my_tickets",
      "app_public.queue_entries_position", "app_public.remove_club_member", "app_public.request_account_closure",
      "app_public.resend_verification_email", "app_public.tickets_holder_name",
      "app_public.update_club", "app_public.update_club_member", "app_public.update_event",
      // The account's own: whether it has a password, whether verifying matters now.
      "app_public.users_email_verification_needed", "app_public.users_has_password", "app_public.waitlist_entries_position",
    ]);
    expect(byRole("ticketing_admin")).toEqual(["app_public.category_totals", "app_public.create_club"]);
    expect(byRole("ticketing_webhook")).toEqual(["app_hidden.settle_payment"]);
    // The server itself, before it switches role: the ended sessions it loads at start, the reset
    // mail it sends after answering, and the single sign-on callback (no request role may call it).
    expect(byRole("ticketing_authenticator")).toEqual([
      "app_hidden.ended_sessions",
      "app_hidden.send_password_reset",
      "app_hidden.sign_in_with_identity_provider",
    ]);
    // ...and its live queue entries (one read per change of a line, src/release/queue-streams.ts).
    expect(byRole("ticketing_booker")).toEqual(["app_hidden.book_tickets", "app_hidden.queue_entries_of"]);
    expect(byRole("ticketing_payments")).toEqual([
      "app_hidden.open_payment_intent", "app_hidden.record_payment_intent", "app_hidden.ticket_payment_amount",
    ]);
  });

  it("hides internal functions by schema, not by smart tag: app_public has none tagged `@behavior -*`", async () => {
    // current_user_id() and current_app_role() stay in app_public (RLS policies and function bodies call them).
    const { rows } = await db.owner.query(`
      select p.proname from pg_proc p
      where p.pronamespace = 'app_public'::regnamespace and obj_description(p.oid, 'pg_proc') like '%@behavior -*%'
      order by 1`);
    expect(rows.map((r) => r.proname)).toEqual(["current_app_role", "current_user_id"]);
  });
});

describe("service roles", () => {
  it("let the booker run batches and nothing else; nobody else may run a batch", async () => {
    const event = await insertEvent(db, { total_tickets: 3 });
    const batch = JSON.stringify([{ user_id: student.user_id, role: "student" }]);
    const keys = JSON.stringify([null]);
    const answer = await db.withSettings({ role: "ticketing_booker" }, async (c) =>
      (await c.query("select app_hidden.book_tickets($1, $2, $3) as a", [event.id, batch, keys])).rows[0].a,
    );
    expect(answer).toMatchObject({ tickets_remaining: 2, results: [{ ticket: { user_id: student.user_id }, replayed: false }] });
    for (const table of ["app_public.tickets", "app_public.users", "app_private.outbox"]) {
      expect(await sqlError(db.withSettings({ role: "ticketing_booker" }, (c) => c.query(`select * from ${table}`)))).toMatchObject({
        code: "42501",
      });
    }
    for (const claims of [student, admin]) {
      expect(await sqlError(db.as(claims, (c) => c.query("select app_hidden.book_tickets($1, $2, $3)", [event.id, batch, keys])))).toMatchObject({
        code: "42501",
      });
    }
  });

  it("let the webhook role settle payments and nothing else", async () => {
    expect(
      await sqlError(db.withSettings({ role: "ticketing_webhook" }, (c) => c.query("select * from app_public.tickets"))),
    ).toMatchObject({ code: "42501" });
    expect(await sqlError(db.as(student, (c) => c.query("select app_hidden.settle_payment('pi_x', 100)")))).toMatchObject({
      code: "42501",
    });
  });
});

describe("constraints are the last line of defence", () => {
  it.each([
    ["total_tickets", "total_tickets = 0"],
    ["total_tickets", "total_tickets = 100001"],
    ["name", "name = ''"],
    ["name", "name = repeat('x', 201)"],
    ["venue", "venue = repeat('x', 201)"],
  ])("rejects a bad %s (%s)", async (_field, assignment) => {
    const event = await insertEvent(db);
    const error = await sqlError(
      db.owner.query(`update app_public.events set ${assignment} where id = $1`, [event.id]),
    );
    expect(error).toMatchObject({ code: "23514" });
  });

  it("keeps tickets_remaining between 0 and total_tickets", async () => {
    const event = await insertEvent(db, { total_tickets: 5 });
    for (const value of [-1, 6]) {
      const error = await sqlError(
        db.owner.query("update app_public.events set tickets_remaining = $2 where id = $1", [event.id, value]),
      );
      expect(error).toMatchObject({ code: "23514" });
    }
  });
});
