// The background flows through GraphQL, as the README shows them.
import { describe, expect, it } from "vitest";
import { graphql, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { runJobs } from "../helpers/worker.ts";

const t = useTestServer();


const ok = async (query: string, token?: string, variables: Record<string, unknown> = {}) => {
  const response = await graphql(t.server.url, query, variables, token);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
};

describe("GraphQL flows", () => {
  it("pays for a held ticket", async () => {
    const student = tokenFor(await insertUser(t.db));
    const event = await insertEvent(t.db);
    await t.db.owner.query("update app_public.events set price_cents = 900 where id = $1", [event.id]);
    const booked = await ok(
      `mutation { bookTicket(input: { eventId: ${event.id} }) { ticketId status holdExpiresAt ticket { id status priceCents holdExpiresAt } } }`,
      student,
    );
    expect(booked.bookTicket.ticket).toMatchObject({ status: "pending", priceCents: 900 });
    // The payload's own fields (what the web app asks for) say the same as the ticket read back.
    expect(booked.bookTicket).toMatchObject({ ticketId: booked.bookTicket.ticket.id, status: "pending" });
    expect(booked.bookTicket.holdExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(booked.bookTicket.holdExpiresAt).toBe(booked.bookTicket.ticket.holdExpiresAt);
    const paying = await ok(`mutation { payForTicket(ticketId: ${booked.bookTicket.ticket.id}) { intentId amountCents } }`, student);
    expect(paying.payForTicket).toMatchObject({ intentId: expect.stringMatching(/^pi_mock_/), amountCents: 900 });
  });

  it("joins a waitlist, checks in, and reads analytics and the leaderboard", async () => {
    const event = await insertEvent(t.db, { total_tickets: 1 });
    const [holder, waiter] = await insertUsers(t.db, 2);
    const booked = await ok(`mutation { bookTicket(input: { eventId: ${event.id} }) { ticket { id checkInCode } } }`, tokenFor(holder!));
    const joined = await ok(`mutation { joinWaitlist(input: { eventId: ${event.id} }) { result { id status position } } }`, tokenFor(waiter!));
    expect(joined.joinWaitlist.result).toMatchObject({ status: "waiting", position: 1 });

    const code = booked.bookTicket.ticket.checkInCode;
    const checked = await ok(
      `mutation($code: String!, $eventId: Int!) { checkIn(input: { code: $code, eventId: $eventId }) { result { checkedInAt } } }`,
      t.adminToken,
      { code, eventId: event.id },
    );
    expect(checked.checkIn.result.checkedInAt).toEqual(expect.any(String));

    const stats = await ok(`{ eventAnalytics(eventId: ${event.id}) { ticketsSold waitlistSize checkedIn sellThroughPercent } }`, t.adminToken);
    expect(stats.eventAnalytics).toEqual({ ticketsSold: 1, waitlistSize: 1, checkedIn: 1, sellThroughPercent: "100.0" });
    const forbidden = await graphql(t.server.url, `{ eventAnalytics(eventId: ${event.id}) { ticketsSold } }`, {}, tokenFor(waiter!));
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    await runJobs(t.db); // the sell-out queued a leaderboard refresh
    const board = await ok("{ popularEvents(n: 100) { nodes { eventId ticketsSold } } }");
    expect(board.popularEvents.nodes).toContainEqual({ eventId: event.id, ticketsSold: 1 });
  });
});
