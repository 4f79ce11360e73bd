// A GraphQL booking this process knows the database would refuse is answered
// before grafast runs anything (src/graphql/booking-refusal-plugin.ts). Its
// answer must be exactly the one the long way gives: the same request with an
// idempotency key cannot take the short cut (a retry may be asking for its
// ticket), so the database answers it, and the two bodies must be equal byte
// for byte.
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { testRedisUrl, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUsers, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();

async function post(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${t.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

// The field on a line of its own: declaring $key on the first line moves nothing in the error's `locations`.
const keyed = (query: string) =>
  query.replace("($e: Int!)", "($e: Int!, $key: String)").replace("eventId: $e }", "eventId: $e, idempotencyKey: $key }");

describe("GraphQL bookings the process knows are refused", () => {
  const shapes = {
    plain: "mutation($e: Int!) {\n  bookTicket(input: { eventId: $e }) { ticket { id } }\n}",
    aliased: "mutation Book($e: Int!) {\n  mine: bookTicket(input: { eventId: $e }) { ticketId status }\n}",
  };

  for (const [name, query] of Object.entries(shapes)) {
    it(`answers exactly as the database does (${name})`, async () => {
      const [a, b] = await insertUsers(t.db, 2);
      const event = await insertEvent(t.db, { total_tickets: 1 });
      const sold = JSON.parse((await post(shapes.plain, { e: event.id }, tokenFor(a!))).body);
      expect(sold.errors).toBeUndefined();

      const redis = new Redis(testRedisUrl);
      try {
        const fenceKey = `${t.db.name}:fence:event:${event.id}`;
        const fenceBefore = await redis.get(fenceKey);
        // An explicit null key is no key: the short cut may take it.
        const shortCut = await post(query.replace("eventId: $e }", "eventId: $e, idempotencyKey: null }"), { e: event.id }, tokenFor(b!));
        expect(await redis.get(fenceKey)).toBe(fenceBefore); // no lock, no batch: answered here
        const longWay = await post(keyed(query), { e: event.id, key: `refusal-${name}` }, tokenFor(b!));
        expect(shortCut).toEqual(longWay);
        // The answer's error is made once per document and refusal: the next one is the same.
        const again = await post(query.replace("eventId: $e }", "eventId: $e, idempotencyKey: null }"), { e: event.id }, tokenFor(b!));
        expect(again).toEqual(shortCut);
        const body = JSON.parse(shortCut.body);
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0].extensions).toEqual({ code: "SOLD_OUT" });
        expect(body.errors[0].message).toBe("This event is sold out.");
      } finally {
        redis.disconnect();
      }
    });
  }

  it("leaves anything but one plain student booking to the long way", async () => {
    const [a, b] = await insertUsers(t.db, 2);
    const event = await insertEvent(t.db, { total_tickets: 1 });
    await post(shapes.plain, { e: event.id }, tokenFor(a!));
    const two = JSON.parse(
      (await post("mutation($e: Int!) { bookTicket(input: { eventId: $e }) { ticketId } __typename }", { e: event.id }, tokenFor(b!))).body,
    );
    expect(two.data).toEqual({ bookTicket: null, __typename: "Mutation" });
    expect(two.errors[0].extensions.code).toBe("SOLD_OUT");
    const badVariable = JSON.parse((await post(shapes.plain, { e: "seven" }, tokenFor(b!))).body);
    expect(badVariable.errors[0].extensions.code).toBe("INVALID_INPUT");
    const admin = JSON.parse((await post(shapes.plain, { e: event.id }, t.adminToken)).body);
    expect(admin.errors[0].extensions.code).toBe("FORBIDDEN");
    const anonymous = JSON.parse((await post(shapes.plain, { e: event.id })).body);
    expect(anonymous.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    // A document graphql-js accepts but cannot read the arguments of (a defaulted nullable
    // variable given null where the argument is non-null): INVALID_INPUT, not a 500 or INTERNAL.
    const defaulted = await post(
      `mutation($input: BookTicketInput = { eventId: ${event.id} }) { bookTicket(input: $input) { ticketId } }`,
      { input: null },
      tokenFor(b!),
    );
    expect(defaulted.status).toBe(400); // refused before anything ran, like any invalid input
    expect(JSON.parse(defaulted.body).errors[0]).toMatchObject({
      message: "Expected non-null value of type BookTicketInput",
      extensions: { code: "INVALID_INPUT" },
    });
  });
});
