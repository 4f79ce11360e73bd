// The background flows through GraphQL, as the README shows them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { graphql, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

let db: TestDatabase;
let server: RunningServer;
let adminToken: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
  adminToken = tokenFor(await insertUser(db, "admin"));
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const ok = async (query: string, token?: string, variables: Record<string, unknown> = {}) => {
  const response = await graphql(server.url, query, variables, token);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
};

describe("GraphQL flows", () => {
  it("pays for a held ticket", async () => {
    const student = tokenFor(await insertUser(db));
    const event = await insertEvent(db);
    await db.owner.query("update app_public.events set price_cents = 900 where id = $1", [event.id]);
    const booked = await ok(`mutation { bookTicket(input: { eventId: ${event.id} }) { ticket { id status priceCents holdExpiresAt } } }`, student);
    expect(booked.bookTicket.ticket).toMatchObject({ status: "pending", priceCents: 900 });
    const paying = await ok(`mutation { payForTicket(ticketId: ${booked.bookTicket.ticket.id}) { intentId amountCents } }`, student);
    expect(paying.payForTicket).toMatchObject({ intentId: expect.stringMatching(/^pi_mock_/), amountCents: 900 });
  });

  it("joins a waitlist, checks in, and reads analytics and the leaderboard", async () => {
    const event = await insertEvent(db, { total_tickets: 1 });
    const [holder, waiter] = await insertUsers(db, 2);
    const booked = await ok(`mutation { bookTicket(input: { eventId: ${event.id} }) { ticket { id checkInCode } } }`, tokenFor(holder!));
    const joined = await ok(`mutation { joinWaitlist(input: { eventId: ${event.id} }) { result { id status position } } }`, tokenFor(waiter!));
    expect(joined.joinWaitlist.result).toMatchObject({ status: "waiting", position: 1 });

    const code = booked.bookTicket.ticket.checkInCode;
    const checked = await ok(`mutation($code: String!) { checkIn(input: { code: $code }) { result { checkedInAt } } }`, adminToken, { code });
    expect(checked.checkIn.result.checkedInAt).toEqual(expect.any(String));

    const stats = await ok(`{ eventAnalytics(eventId: ${event.id}) { ticketsSold waitlistSize checkedIn sellThroughPercent } }`, adminToken);
    expect(stats.eventAnalytics).toEqual({ ticketsSold: 1, waitlistSize: 1, checkedIn: 1, sellThroughPercent: "100.0" });
    const forbidden = await graphql(server.url, `{ eventAnalytics(eventId: ${event.id}) { ticketsSold } }`, {}, tokenFor(waiter!));
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    await runJobs(db); // the sell-out queued a leaderboard refresh
    const board = await ok("{ popularEvents(n: 100) { nodes { eventId ticketsSold } } }");
    expect(board.popularEvents.nodes).toContainEqual({ eventId: event.id, ticketsSold: 1 });
  });
});
