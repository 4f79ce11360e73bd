// GraphQL shows the database's enums: TicketStatus, WaitlistEntryStatus,
// SalesState and EventStatus, with the database's own values, on every field that carries them.
import { describe, expect, it } from "vitest";
import { SALES_STATE_VALUES, TICKET_STATUS_VALUES, WAITLIST_ENTRY_STATUS_VALUES } from "../../src/generated/vocabulary.ts";
import { graphql, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();

const typeOf = `fields { name type { kind name ofType { kind name } } }`;

describe("GraphQL enums", () => {
  it("lists each enum's values as the database has them", async () => {
    const { body } = await graphql(
      t.server.url,
      `{ ticket: __type(name: "TicketStatus") { kind enumValues { name } }
         waitlist: __type(name: "WaitlistEntryStatus") { kind enumValues { name } }
         sales: __type(name: "SalesState") { kind enumValues { name } } }`,
    );
    expect(body.errors).toBeUndefined();
    const values = (type: { kind: string; enumValues: { name: string }[] }) => (expect(type.kind).toBe("ENUM"), type.enumValues.map((v) => v.name).sort());
    expect(values(body.data.ticket)).toEqual([...TICKET_STATUS_VALUES].sort());
    expect(values(body.data.waitlist)).toEqual([...WAITLIST_ENTRY_STATUS_VALUES].sort());
    expect(values(body.data.sales)).toEqual([...SALES_STATE_VALUES].sort());
    expect([...TICKET_STATUS_VALUES].sort()).toEqual(["cancelled", "confirmed", "expired", "offered", "pending"]);
    expect([...SALES_STATE_VALUES].sort()).toEqual(["cancelled", "closed", "not_open", "on_sale", "sold_out", "started"]);
  });

  it("types statuses and sales states with them wherever they appear", async () => {
    const { body } = await graphql(
      t.server.url,
      `{ event: __type(name: "Event") { ${typeOf} } ticket: __type(name: "Ticket") { ${typeOf} }
         entry: __type(name: "WaitlistEntry") { ${typeOf} } live: __type(name: "EventAvailability") { ${typeOf} }
         booked: __type(name: "BookTicketPayload") { ${typeOf} } }`,
    );
    expect(body.errors).toBeUndefined();
    const field = (type: { fields: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] }, name: string) => {
      const found = type.fields.find((f) => f.name === name)!.type;
      return found.name ?? found.ofType!.name;
    };
    expect(field(body.data.event, "salesState")).toBe("SalesState");
    expect(field(body.data.live, "salesState")).toBe("SalesState");
    expect(field(body.data.ticket, "status")).toBe("TicketStatus");
    expect(field(body.data.booked, "status")).toBe("TicketStatus");
    expect(field(body.data.entry, "status")).toBe("WaitlistEntryStatus");
    expect(field(body.data.event, "status")).toBe("EventStatus");
  });

  it("answers with the same words as before: a booked ticket is confirmed, an event on sale", async () => {
    const event = await insertEvent(t.db);
    const { body } = await graphql(
      t.server.url,
      `mutation { bookTicket(input: { eventId: ${event.id} }) { status ticket { status eventByEventId { salesState } } } }`,
      {},
      tokenFor(await insertUser(t.db)),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.bookTicket).toEqual({ status: "confirmed", ticket: { status: "confirmed", eventByEventId: { salesState: "on_sale" } } });
  });
});
