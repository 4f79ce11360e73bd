// Sales windows through the APIs: REST and GraphQL refuse outside the window
// and say which state an event is in; a live subscriber hears the state change
// when sales open, with no booking or edit to trigger it.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertPastEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import { momentArrives, setSalesWindow, timePasses } from "../helpers/sales-window.ts";
import { record, wsClient } from "../helpers/subscriptions.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer();

const book = (eventId: number, token: string, key?: string) =>
  request(t.server.url, "POST", `/events/${eventId}/book`, { token, headers: key ? { "idempotency-key": key } : {} });
const status = async (eventId: number) => (await request(t.server.url, "GET", `/events/${eventId}/status`)).body.sales_state;

const BOOK = `mutation($eventId: Int!) { bookTicket(input: { eventId: $eventId }) { ticketId } }`;
const SUBSCRIPTION = `subscription($id: Int!) {
  eventAvailability(eventId: $id) { eventId ticketsRemaining salesState startsAt salesStart salesEnd version }
}`;

describe("REST", () => {
  it("refuses outside the window (SALES_NOT_OPEN, SALES_CLOSED, EVENT_STARTED) and books inside it", async () => {
    const token = tokenFor(await insertUser(t.db));
    const early = await insertEvent(t.db);
    await setSalesWindow(t.db, early.id, "1 hour", null);
    const late = await insertEvent(t.db);
    await timePasses(t.db, late.id, null, "-1 minute");
    const started = await insertPastEvent(t.db);

    // With and without an idempotency key: the server's fast path and the database answer alike.
    for (const key of [undefined, "window-key"]) {
      const answers = [await book(early.id, token, key), await book(late.id, token, key), await book(started.id, token, key)];
      expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual([
        [409, "SALES_NOT_OPEN"],
        [409, "SALES_CLOSED"],
        [409, "EVENT_STARTED"],
      ]);
      expect(answers[0]!.body.error.message).toMatch(/not opened yet/);
    }

    await timePasses(t.db, early.id, "-1 second", null);
    expect((await book(early.id, token, "window-key")).status).toBe(201); // the database decides: sales are open
  });

  it("says which state the event is in on GET /events/:id/status", async () => {
    const notOpen = await insertEvent(t.db);
    await setSalesWindow(t.db, notOpen.id, "1 day", "2 days");
    const soldOut = await insertEvent(t.db, { total_tickets: 1 });
    await book(soldOut.id, tokenFor(await insertUser(t.db)));
    const closed = await insertEvent(t.db);
    await timePasses(t.db, closed.id, null, "-1 minute");
    const onSale = await insertEvent(t.db);
    const started = await insertPastEvent(t.db);
    expect([await status(notOpen.id), await status(onSale.id), await status(soldOut.id), await status(closed.id), await status(started.id)])
      .toEqual(["not_open", "on_sale", "sold_out", "closed", "started"]);
  });
});

describe("GraphQL", () => {
  it("has Event.salesState and refuses bookings outside the window with the same codes", async () => {
    const event = await insertEvent(t.db);
    await setSalesWindow(t.db, event.id, "1 hour", "2 hours");
    const read = await graphql(t.server.url, `{ eventById(id: ${event.id}) { salesState salesStart salesEnd } }`);
    expect(read.body.data.eventById).toMatchObject({ salesState: "not_open", salesStart: expect.any(String), salesEnd: expect.any(String) });

    const token = tokenFor(await insertUser(t.db));
    const refused = await graphql(t.server.url, BOOK, { eventId: event.id }, token);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("SALES_NOT_OPEN");
    const over = await insertEvent(t.db);
    await timePasses(t.db, over.id, "-2 hours", "-1 hour");
    const closed = await graphql(t.server.url, BOOK, { eventId: over.id }, token);
    expect(closed.body.errors?.[0]?.extensions?.code).toBe("SALES_CLOSED");
  });
});

describe("live availability", () => {
  it("sends the new state when sales open, with no inventory change, and booking opens", async () => {
    const event = await insertEvent(t.db, { total_tickets: 5 });
    await setSalesWindow(t.db, event.id, "1 hour", null);
    const client = wsClient(t.server.url);
    const sub = record(client, SUBSCRIPTION, { id: event.id }, (data) => data.eventAvailability);
    try {
      const [first] = await sub.until((m) => m.length === 1);
      expect(first).toMatchObject({ eventId: event.id, ticketsRemaining: 5, salesState: "not_open", salesEnd: null });
      expect(Date.parse(first.salesStart)).toBeGreaterThan(Date.now());

      await timePasses(t.db, event.id, "-1 second", null);
      await momentArrives(t.db, event.id, "sales_start");
      await runJobs(t.db);
      const messages = await sub.until((m) => m.some((x) => x.salesState === "on_sale"));
      expect(messages.at(-1)).toMatchObject({ eventId: event.id, ticketsRemaining: 5, salesState: "on_sale" });
      expect(Number(messages.at(-1).version)).toBeGreaterThan(Number(first.version));

      // The server heard it too: a booking without a key (the fast path's kind) goes through.
      expect((await book(event.id, tokenFor(await insertUser(t.db)))).status).toBe(201);
      await sub.until((m) => m.at(-1)?.ticketsRemaining === 4);
    } finally {
      sub.dispose();
      await client.dispose();
    }
  });
});
