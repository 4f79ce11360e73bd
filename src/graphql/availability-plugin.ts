// GraphQL subscriptions for live availability, fed by the database's
// pg_notify (db/schema/availability.sql; the message: src/availability/message.ts) through PostGraphile's
// `listen` step:
//   subscription { eventAvailability(eventId: 1) { eventId ticketsRemaining totalTickets soldOut salesState version } }
//   subscription { eventsAvailability(categoryId: 2) { ... } }   list pages (all events, or one category)
// Each starts with the current value, then every committed change, in order.
// eventsAvailability answers lists: its current values (every upcoming event)
// arrive as one message, each later change as a list of one.
import { jsonParse } from "postgraphile/@dataplan/json";
import { access, context, lambda, listen, type FieldArgs, type GrafastSubscriber, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type { AvailabilityMessage } from "../availability/message.ts";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { categoryTopic, eventTopic, FEED_TOPIC } from "../availability/topics.ts";

declare global {
  namespace Grafast {
    interface Context {
      /**
       * Where `listen` takes availability from: the availability streams
       * (src/availability/streams.ts), or a subscription cohort's feed, which
       * runs one execution for every subscriber of the same operation (src/websocket/cohorts.ts).
       */
      availabilityFeed?: GrafastSubscriber;
    }
  }
}

/** The context's availabilityFeed, else `streams`. */
const feed = (streams: AvailabilityStreams) => lambda(context().get("availabilityFeed"), (own) => own ?? streams, true);

export function makeAvailabilityPlugin(streams: AvailabilityStreams) {
  return extendSchema(() => ({
    typeDefs: gql`
      type EventAvailability {
        eventId: Int!
        ticketsRemaining: Int!
        totalTickets: Int!
        soldOut: Boolean!
        "not_open, on_sale, sold_out, closed or started (as Event.salesState); a message arrives when time changes it."
        salesState: SalesState!
        startsAt: Datetime!
        "When booking opens; null: as soon as the event exists."
        salesStart: Datetime
        "When booking closes; null: when the event starts."
        salesEnd: Datetime
        "Rises with every change of this event's availability; a newer message always has a larger version."
        version: BigInt!
      }
      extend type Subscription {
        "One event's availability: the current value first, then every committed change."
        eventAvailability(eventId: Int!): EventAvailability
        "For list pages (every event, or one category): first the current values of every upcoming event, in one message; then each change, as a list of one."
        eventsAvailability(categoryId: Int): [EventAvailability!]
      }
    `,
    objects: {
      Subscription: {
        plans: {
          eventAvailability: {
            subscribePlan(_$root: unknown, fieldArgs: FieldArgs) {
              const $topic = lambda(fieldArgs.getRaw("eventId") as Step<number>, eventTopic);
              return listen(feed(streams), $topic, jsonParse);
            },
            plan: ($message: Step) => $message,
          },
          eventsAvailability: {
            subscribePlan(_$root: unknown, fieldArgs: FieldArgs) {
              const $topic = lambda(fieldArgs.getRaw("categoryId") as Step<number | null>, (categoryId) =>
                categoryId == null ? FEED_TOPIC : categoryTopic(categoryId),
              );
              return listen(feed(streams), $topic, jsonParse);
            },
            plan: ($message: Step) => $message,
          },
        },
      },
      EventAvailability: {
        plans: {
          eventId: ($m: Step<AvailabilityMessage>) => access($m, "event_id"),
          ticketsRemaining: ($m: Step<AvailabilityMessage>) => access($m, "tickets_remaining"),
          totalTickets: ($m: Step<AvailabilityMessage>) => access($m, "total_tickets"),
          soldOut: ($m: Step<AvailabilityMessage>) => access($m, "sold_out"),
          salesState: ($m: Step<AvailabilityMessage>) => access($m, "sales_state"),
          startsAt: ($m: Step<AvailabilityMessage>) => access($m, "starts_at"),
          salesStart: ($m: Step<AvailabilityMessage>) => access($m, "sales_start"),
          salesEnd: ($m: Step<AvailabilityMessage>) => access($m, "sales_end"),
          version: ($m: Step<AvailabilityMessage>) => lambda($m, (m) => String(m.version)),
        },
      },
    },
  }), "AvailabilityPlugin");
}
