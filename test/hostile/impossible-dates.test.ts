// Moments no answer can write as ISO 8601 ("infinity", years past 9999),
// sent through GraphQL's Datetime, against a production-mode server: refused
// with INVALID_INPUT naming the field, nothing written, and every read that
// selects startsAt keeps working. Before, createEvent committed the event and
// then failed to answer (a retrying admin made duplicates), and every list of
// events over it failed.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

const createEvent = (startsAt: string, extra = "") =>
  graphql(
    t.server.url,
    `mutation($startsAt: Datetime!) {
      createEvent(input: { name: "Impossible", venue: "Hall", startsAt: $startsAt, totalTickets: 5${extra} }) { event { id startsAt } }
    }`,
    { startsAt },
    t.adminToken,
  );
const events = async () => (await t.db.owner.query("select count(*)::int as n from app_public.events where name = 'Impossible'")).rows[0].n;

describe("impossible moments through GraphQL", () => {
  it.each(["infinity", "10000-01-01T00:00:00Z", "275760-09-13T00:00:00Z", "9999-12-31T23:00:00-05:00"])(
    "createEvent with startsAt %s is refused as INVALID_INPUT and writes nothing",
    async (startsAt) => {
      const answer = await createEvent(startsAt);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "startsAt" });
      expect(await events()).toBe(0);
    },
  );

  it("a sales window or an edit cannot reach one either, and reads of startsAt keep working", async () => {
    const window = await graphql(
      t.server.url,
      `mutation { createEvent(input: { name: "Impossible", venue: "Hall", startsAt: "2099-01-01T00:00:00Z", totalTickets: 5, salesStart: "-infinity" }) { event { id } } }`,
      {},
      t.adminToken,
    );
    expect(window.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "salesStart" });
    expect(await events()).toBe(0);

    const event = await insertEvent(t.db);
    const moved = await graphql(t.server.url, `mutation { updateEvent(input: { id: ${event.id}, startsAt: "infinity" }) { event { startsAt } } }`, {}, t.adminToken);
    expect(moved.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "startsAt" });

    const list = await graphql(t.server.url, "{ allEvents(first: 100) { nodes { id startsAt salesStart salesEnd } } }");
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.allEvents.nodes.map((e: { id: number }) => e.id)).toContain(event.id);
    const rest = await request(t.server.url, "GET", `/events/${event.id}`);
    expect(rest.status).toBe(200);
    const { rows } = await t.db.owner.query("select starts_at from app_public.events where id = $1", [event.id]);
    expect(rest.body.event.datetime).toBe(rows[0].starts_at.toISOString()); // unchanged
  });
});
