// GraphQL `bookTicket`: the same booking flow as REST (src/booking/service.ts),
// so GraphQL bookings also take the per-event lock and carry a fencing token.
// `cancelTicket` and `myTickets` are generated from their SQL functions.
// The payload's own fields come from the booking's answer; `ticket` is read
// back in a transaction of its own (PostGraphile's Ticket type, with its
// relations), so a client that needs no more than the payload's fields should
// not ask for it: in a sale rush that read is most of a booking's cost.
import { access, context, lambda, sideEffect, type FieldArgs, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type { PgSettings } from "../auth/pg-settings.ts";
import { BOOKING_REFUSALS, type BookingResult, type BookingService } from "../booking/service.ts";
import { ERRORS } from "../generated/vocabulary.ts";

// Each code a booking can be refused with (extensions.code), from the catalogue (db/schema/errors.sql).
const BOOK_TICKET_DESCRIPTION =
  `Book one ticket for the signed-in student. Errors (extensions.code): ${[...new Set(BOOKING_REFUSALS.map((reason) => ERRORS[reason].code))].join(", ")}. ` +
  "BUSY, TOO_MANY_BOOKINGS (more bookings in flight than allowed) and BOOKING_OUTCOME_UNKNOWN: retry after extensions.retryAfter.";

interface BookTicketInput {
  eventId: number;
  idempotencyKey?: string | null;
}

export function makeBookingPlugin(booking: BookingService) {
  return extendSchema((build) => {
    const tickets = build.input.pgRegistry.pgResources.tickets!;
    return {
      typeDefs: gql`
        input BookTicketInput {
          eventId: Int!
          "Retrying with the same key returns the ticket it already booked instead of booking again."
          idempotencyKey: String
        }
        type BookTicketPayload {
          ticketId: Int!
          "confirmed, or pending (a paid event's hold: pay before the ticket's holdExpiresAt)."
          status: TicketStatus!
          "A pending ticket's deadline to pay (null when confirmed)."
          holdExpiresAt: Datetime
          """
          The ticket, read back after booking (with its relations). Costs a read of its own;
          null, with an error at this path, if that read fails: the booking itself stands (ticketId).
          """
          ticket: Ticket
          "True when the idempotency key matched an earlier booking."
          replayed: Boolean!
        }
        extend type Mutation {
          ${JSON.stringify(BOOK_TICKET_DESCRIPTION)}
          bookTicket(input: BookTicketInput!): BookTicketPayload
        }
      `,
      objects: {
        Mutation: {
          plans: {
            bookTicket(_$root: unknown, fieldArgs: FieldArgs) {
              const $input = fieldArgs.getRaw("input") as Step<BookTicketInput>;
              const $settings = context().get("pgSettings") as Step<PgSettings>;
              return sideEffect([$input, $settings], ([input, settings]) =>
                booking.book(settings, input.eventId, input.idempotencyKey),
              );
            },
          },
        },
        BookTicketPayload: {
          plans: {
            ticketId: ($result: Step<BookingResult>) => access($result, ["ticket", "id"]),
            status: ($result: Step<BookingResult>) => access($result, ["ticket", "status"]),
            holdExpiresAt: ($result: Step<BookingResult>) =>
              lambda(access($result, ["ticket", "hold_expires_at"]) as Step<Date | null>, (at) => at?.toISOString() ?? null),
            ticket: ($result: Step<BookingResult>) => tickets.get({ id: access($result, ["ticket", "id"]) }),
            replayed: ($result: Step<BookingResult>) => access($result, "replayed"),
          },
        },
      },
    };
  }, "BookingPlugin");
}
