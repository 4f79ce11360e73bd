// Mail bombing through booking, against a production-mode server: a student
// booking and cancelling in a loop made one confirmation email per booking
// (3,000 to one address in 53 s), and without SMTP_URL each became a file on
// the server's disk. Now one confirmation per student and event per window,
// and the file outbox keeps a bounded number of files. The real worker tasks
// deliver through the real file transport into a scratch directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { log } from "../../src/log.ts";
import { makeMailer } from "../../src/notifications/mailer.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer({ production: true });
const dir = mkdtempSync(join(tmpdir(), "ticketing-outbox-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = log.child({}, { level: "silent" });

const filesTo = (email: string) =>
  readdirSync(dir).filter((name) => readFileSync(join(dir, name), "utf8").includes(`To: ${email}\n`));

describe("a book/cancel loop", () => {
  it("mails the student one confirmation, not one per booking", async () => {
    const student = await insertUser(t.db);
    const token = tokenFor(student);
    const event = await insertEvent(t.db);
    for (let i = 0; i < 30; i++) {
      const booked = await request(t.server.url, "POST", `/events/${event.id}/book`, { token });
      expect(booked.status).toBe(201);
      expect((await request(t.server.url, "DELETE", `/tickets/${booked.body.ticket.id}`, { token })).status).toBe(200);
    }
    const mailer = makeMailer({ from: "Tickets <t@example.edu>", outboxDir: dir, outboxLimits: { maxFiles: 100, maxBytes: 1 << 20 }, log: quiet });
    await runJobs(t.db, mailer);
    const { rows } = await t.db.owner.query("select email from app_public.users where id = $1", [student.user_id]);
    expect(filesTo(rows[0].email)).toHaveLength(1);
    expect((await t.db.owner.query("select count(*)::int as n from app_public.tickets where user_id = $1", [student.user_id])).rows[0].n).toBe(30);
  });
});

describe("the file outbox", () => {
  it("keeps at most MAIL_OUTBOX_MAX_FILES messages, the newest", async () => {
    const event = await insertEvent(t.db, { total_tickets: 20 });
    const students = await insertUsers(t.db, 12);
    for (const student of students) {
      expect((await request(t.server.url, "POST", `/events/${event.id}/book`, { token: tokenFor(student) })).status).toBe(201);
    }
    const mailer = makeMailer({ from: "Tickets <t@example.edu>", outboxDir: dir, outboxLimits: { maxFiles: 5, maxBytes: 1 << 20 }, log: quiet });
    await runJobs(t.db, mailer);
    const files = readdirSync(dir);
    expect(files).toHaveLength(5);
    const { rows } = await t.db.owner.query(
      "select o.id::text as id from app_private.outbox o where o.kind = 'booking_confirmed' and o.sent_at is not null order by o.id desc limit 5",
    );
    expect(files.sort()).toEqual(rows.map((r) => `${r.id}.eml`).sort());
    // Every message is still marked sent: the bound drops files, not deliveries' bookkeeping.
    const unsent = await t.db.owner.query("select count(*)::int as n from app_private.outbox where sent_at is null");
    expect(unsent.rows[0].n).toBe(0);
  });
});
