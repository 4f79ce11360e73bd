// A ticket for one event shown at another event's door, against a
// production-mode server: check-in admitted any valid code (and used it up, so
// the holder was then refused at their own event). Now the desk names its event
// and the database refuses another event's ticket without touching it.
import { describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });

describe("check-in at the wrong door", () => {
  it("is refused with WRONG_EVENT over REST and GraphQL, and the ticket still works at its own event", async () => {
    const [lecture, concert] = [await insertEvent(t.db, { name: `Lecture ${Date.now()}` }), await insertEvent(t.db)];
    const holder = await insertUser(t.db);
    const booked = await request(t.server.url, "POST", `/events/${lecture.id}/book`, { token: tokenFor(holder) });
    const code = booked.body.ticket.check_in_code as string;

    const rest = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code, event_id: concert.id } });
    expect(rest.status).toBe(409);
    expect(rest.body.error).toMatchObject({ code: "WRONG_EVENT", message: `This ticket is for another event: ${lecture.name}.` });
    const viaGraphql = await graphql(
      t.server.url,
      "mutation($code: String!, $eventId: Int!) { checkIn(input: { code: $code, eventId: $eventId }) { result { id } } }",
      { code, eventId: concert.id },
      t.adminToken,
    );
    expect(viaGraphql.body.errors?.[0]?.extensions?.code).toBe("WRONG_EVENT");
    expect((await t.db.owner.query("select checked_in_at from app_public.tickets where check_in_code = $1", [code])).rows[0].checked_in_at).toBeNull();

    // Without naming the event, nothing is admitted.
    const unnamed = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code } });
    expect(unnamed.body.error).toMatchObject({ code: "INVALID_INPUT", field: "event_id" });
    const unnamedGraphql = await graphql(t.server.url, `mutation { checkIn(input: { code: "${code}" }) { result { id } } }`, {}, t.adminToken);
    expect(unnamedGraphql.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT" });

    const ownDoor = await request(t.server.url, "POST", "/check-in", { token: t.adminToken, body: { code, event_id: lecture.id } });
    expect(ownDoor.status).toBe(200);
    expect(ownDoor.body.ticket.checked_in_at).toEqual(expect.any(String));
  });
});
