// The waitlist of a sold-out event: returned seats offered in order, offers
// accepted or lapsing to the next in line. HTTP, SQL and the real graphile-worker tasks.
import { describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { flowSteps } from "../helpers/flows.ts";
import { expireHold, RecordingMailer, runJobs } from "../helpers/worker.ts";

const t = useTestServer();
const { book, cancel, ticket, expectInventoryAddsUp } = flowSteps(t);

describe("waitlist", () => {
  it("offers returned seats in order; an accepted offer books, a lapsed one moves on", async () => {
    const event = await insertEvent(t.db, { total_tickets: 2 });
    const [h1, h2, w1, w2, w3] = await insertUsers(t.db, 5);
    const held = [(await book(event.id, h1!)).body.ticket, (await book(event.id, h2!)).body.ticket];

    const entries = [];
    for (const w of [w1, w2, w3]) {
      const joined = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(w!) });
      expect(joined.status).toBe(201);
      entries.push(joined.body.entry);
    }
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3]);
    const twice = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(w1!) });
    expect(twice.body.error.code).toBe("ALREADY_WAITING");

    await cancel(held[0].id, h1!);
    await cancel(held[1].id, h2!);
    const mailer = new RecordingMailer();
    await runJobs(t.db, mailer);
    expect(mailer.sent.filter((m) => m.subject.startsWith("A seat for")).map((m) => m.to).sort()).toHaveLength(2);

    const mine = async (w: Claims) => (await request(t.server.url, "GET", "/me/waitlist", { token: tokenFor(w) })).body.entries[0];
    expect(await mine(w1!)).toMatchObject({ status: "offered", position: null });
    expect(await mine(w2!)).toMatchObject({ status: "offered" });
    expect(await mine(w3!)).toMatchObject({ status: "waiting", position: 1 });
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 0, held: 2, sold: 0 });
    // An offered seat is nobody else's to take.
    expect((await book(event.id, await insertUser(t.db))).body.error.code).toBe("SOLD_OUT");

    const accepted = await request(t.server.url, "POST", `/waitlist/${entries[0].id}/accept`, { token: tokenFor(w1!) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.ticket).toMatchObject({ status: "confirmed", user_id: w1!.user_id });

    const w2Entry = await mine(w2!);
    await expireHold(t.db, w2Entry.ticket_id);
    await runJobs(t.db);
    expect(await mine(w2!)).toMatchObject({ status: "lapsed" });
    expect(await mine(w3!)).toMatchObject({ status: "offered" });
    const late = await request(t.server.url, "POST", `/waitlist/${entries[1].id}/accept`, { token: tokenFor(w2!) });
    expect(late.body.error.code).toBe("OFFER_NOT_AVAILABLE");
    expect(await expectInventoryAddsUp(event.id)).toMatchObject({ tickets_remaining: 0, held: 1, sold: 1 });
  });

  it("only opens when the event is sold out", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    const response = await request(t.server.url, "POST", `/events/${event.id}/waitlist`, { token: tokenFor(await insertUser(t.db)) });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("NOT_SOLD_OUT");
  });
});
