// GraphQL subscriptions for live availability, fed by the database's
// pg_notify (db/migrations/committed/000003-*.sql) through PostGraphile's
// `listen` step:
//   subscription { eventAvailability(eventId: 1) { eventId ticketsRemaining totalTickets soldOut version } }
//   subscription { eventsAvailability(categoryId: 2) { ... } }   list pages (all events, or one category)
// Each starts with the current value, then every committed change, in order.
import { jsonParse } from "postgraphile/@dataplan/json";
import { access, lambda, listen, type FieldArgs, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import type { AvailabilityStreams } from "../availability/streams.ts";
import { categoryTopic, eventTopic, FEED_TOPIC } from "../availability/topics.ts";

interface AvailabilityMessage {
  event_id: number;
  tickets_remaining: number;
  total_tickets: number;
  sold_out: boolean;
  version: number;
}

export function makeAvailabilityPlugin(streams: AvailabilityStreams) {
  return extendSchema(() => ({
    typeDefs: gql`
      type EventAvailability {
        eventId: Int!
        ticketsRemaining: Int!
        totalTickets: Int!
        soldOut: Boolean!
        "Rises with every change of this event's availability; a newer message always has a larger version."
        version: BigInt!
      }
      extend type Subscription {
        "One event's availability: the current value first, then every committed change."
        eventAvailability(eventId: Int!): EventAvailability
        "Every event's availability changes (current values of upcoming events first), for list pages; optionally one category."
        eventsAvailability(categoryId: Int): EventAvailability
      }
    `,
    plans: {
      Subscription: {
        eventAvailability: {
          subscribePlan(_$root: unknown, fieldArgs: FieldArgs) {
            const $topic = lambda(fieldArgs.getRaw("eventId") as Step<number>, eventTopic);
            return listen(streams, $topic, jsonParse);
          },
          plan: ($message: Step) => $message,
        },
        eventsAvailability: {
          subscribePlan(_$root: unknown, fieldArgs: FieldArgs) {
            const $topic = lambda(fieldArgs.getRaw("categoryId") as Step<number | null>, (categoryId) =>
              categoryId == null ? FEED_TOPIC : categoryTopic(categoryId),
            );
            return listen(streams, $topic, jsonParse);
          },
          plan: ($message: Step) => $message,
        },
      },
      EventAvailability: {
        eventId: ($m: Step<AvailabilityMessage>) => access($m, "event_id"),
        ticketsRemaining: ($m: Step<AvailabilityMessage>) => access($m, "tickets_remaining"),
        totalTickets: ($m: Step<AvailabilityMessage>) => access($m, "total_tickets"),
        soldOut: ($m: Step<AvailabilityMessage>) => access($m, "sold_out"),
        version: ($m: Step<AvailabilityMessage>) => lambda($m, (m) => String(m.version)),
      },
    },
  }), "AvailabilityPlugin");
}
