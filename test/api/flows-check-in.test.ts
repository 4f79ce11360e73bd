// Check-in at the door: a confirmed ticket's code admits once, at its own event's
// door; everything else is refused.
import { describe, expect, it } from "vitest";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";

const t = useTestServer();
const { paidEvent, book, cancel, ticket } = flowSteps(t);

describe("check-in", () => {
  it("admits a confirmed ticket once, and says when it was first scanned", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    const code = body.ticket.check_in_code;

    const first = await request(t.server.url, "POST", "/check-in", {
      token: t.adminToken,
      body: { code: code.toLowerCase(), event_id: event.id },
    });
    expect(first.status).toBe(200);
    expect(first.body.ticket.checked_in_at).toEqual(expect.any(String));
    const second = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code, event_id: event.id } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("ALREADY_CHECKED_IN");
    expect(second.body.error.message).toContain(`${new Date(first.body.ticket.checked_in_at).toISOString().slice(0, 19)}Z`);
  });

  it("refuses a cancelled ticket, an unknown code, and non-admins; a pending ticket has no code yet", async () => {
    const student = await insertUser(t.db);
    const event = await insertEvent(t.db);
    const { body } = await book(event.id, student);
    await cancel(body.ticket.id, student);
    const cancelled = await request(t.server.url, "POST", "/check-in", {
      token: t.adminToken,
      body: { code: body.ticket.check_in_code, event_id: event.id },
    });
    expect(cancelled.body.error.code).toBe("TICKET_NOT_VALID");

    const pending = (await book((await paidEvent(1)).id, student)).body.ticket;
    expect(pending.check_in_code).toBeNull();
    const unknown = await request(t.server.url, "POST", "/check-in", {
      token: t.adminToken,
      body: { code: "TKT-000000000000000000000000", event_id: event.id },
    });
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    const asStudent = await request(t.server.url, "POST", "/check-in", { token: tokenFor(student), body: { code: "x", event_id: event.id } });
    expect(asStudent.status).toBe(403);
  });

  it("needs the event the desk admits to", async () => {
    const missing = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code: "TKT-000000000000000000000000" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "INVALID_INPUT", field: "event_id" });
  });
});
