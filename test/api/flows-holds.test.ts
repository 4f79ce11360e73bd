// Paid events hold a seat until it is paid for: the hold, its scheduled expiry, and
// the seat returning to sale when it lapses. HTTP requests, SQL and the real
// graphile-worker tasks; after every step the inventory adds up.
import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/app.ts";
import { insertUser } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { expireHold, RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { paidEvent, book, ticket, expectInventoryAddsUp } = flowSteps(t);

describe("holds and their expiry", () => {
  it("holds the seat as pending, and schedules the hold's expiry", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(3);
    const { status, body } = await book(event.id, student);
    expect(status).toBe(201);
    expect(body.ticket).toMatchObject({ status: "pending", price_cents: 1500, check_in_code: null });
    const holdMs = Date.parse(body.ticket.hold_expires_at) - Date.parse(body.ticket.booked_at);
    expect(holdMs).toBe(10 * 60 * 1000);
    const { rows } = await t.db.owner.query("select run_at from graphile_worker.jobs where key = $1", [`expire_holds:${body.ticket.id}`]);
    expect(new Date(rows[0].run_at).toISOString()).toBe(new Date(body.ticket.hold_expires_at).toISOString());
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 2, held: 1, sold: 0 });
  });

  it("returns an unpaid seat to sale when the hold expires, and tells the student", async () => {
    const student = await insertUser(t.db);
    const event = await paidEvent(1);
    const { body } = await book(event.id, student);
    expect((await book(event.id, await insertUser(t.db))).body.error.code).toBe("SOLD_OUT");

    await expireHold(t.db, body.ticket.id);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);

    expect((await ticket(body.ticket.id)).status).toBe("expired");
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 1, held: 0, sold: 0 });
    expect(mailer.sent.map((m) => m.subject)).toContain(`Your hold for ${event.name} has expired`);
    expect((await book(event.id, await insertUser(t.db))).status).toBe(201); // back on sale
  });
});
