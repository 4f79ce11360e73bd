// The email outbox: messages queued by SQL, sent once by the worker even when a
// job runs again or fails half-way.
import { describe, expect, it } from "vitest";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { book, ticket } = flowSteps(t);

describe("email outbox", () => {
  it("sends each message once, even when its job runs again", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    const { rows } = await t.db.owner.query("select id from app_private.outbox where dedupe_key = $1", [`booking_confirmed:${body.ticket.id}`]);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    await t.db.owner.query("select graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array($1::bigint)))", [rows[0].id]);
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.id === String(rows[0].id))).toHaveLength(1);
    expect(mailer.sent.find((m) => m.id === String(rows[0].id))!.text).toContain(body.ticket.check_in_code);
  });

  it("tells every holder when an event moves", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await book(event.id, a!);
    await book(event.id, b!);
    await request(t.server.url, "PATCH", `/events/${event.id}`, { token: t.adminToken, body: { venue: "Stadium" } });
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.subject === `${event.name} has changed`)).toHaveLength(2);
  });
});

describe("email outbox failures", () => {
  it("keeps what was sent when a later message fails, and the retry sends only the rest", async () => {
    // Three messages in one send_email job, as a booking batch queues them.
    const students = await insertUsers(t.db, 3);
    const { rows } = await t.db.owner.query(
      `select app_private.add_to_outbox('booking_confirmed', s.id, 'test-batch:' || s.id, 'Your ticket', 'See you there')::text as id
       from unnest($1::int[]) with ordinality as s(id, n) order by s.n`,
      [students.map((s) => s.user_id)],
    );
    await t.db.owner.query("select graphile_worker.add_job('send_email', json_build_object('outbox_ids', $1::bigint[]))", [
      rows.map((r) => r.id),
    ]);

    class FlakyMailer extends RecordingMailer {
      override async send(email: Parameters<RecordingMailer["send"]>[0]) {
        if (email.id === rows[1].id) throw new Error("SMTP server said 451, try again later");
        await super.send(email);
      }
    }
    const flaky = new FlakyMailer();
    await runJobs(t.db, flaky).catch(() => {});
    const sentAfterFailure = (await t.db.owner.query("select id::text from app_private.outbox where id = any($1::bigint[]) and sent_at is not null", [rows.map((r) => r.id)])).rows.map((r) => r.id);
    expect(sentAfterFailure).toEqual([rows[0].id]); // the first went out; the job stopped at the failure

    // Let the failed job run again now, with a working mailer.
    await t.db.owner.query(
      "select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where last_error is not null), run_at := now())",
    );
    const healthy = new RecordingMailer();
    await runJobs(t.db, healthy);
    const ids = [...flaky.sent, ...healthy.sent].map((m) => m.id).filter((id) => rows.some((r) => r.id === id));
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort()); // each exactly once
  });
});
