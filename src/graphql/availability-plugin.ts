// GraphQL subscriptions for live availability, fed by the database's
// pg_notify (db/schema/availability.sql; the message: app_hidden.availability_message, whose
// attributes are EventAvailability's fields, AVAILABILITY_MESSAGE_FIELDS) through PostGraphile's
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
import { AVAILABILITY_MESSAGE_FIELDS } from "../generated/vocabulary.ts";
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

/** EventAvailability's fields, one per attribute of the message (db/schema/availability.sql). */
const EVENT_AVAILABILITY_FIELDS = AVAILABILITY_MESSAGE_FIELDS.map(
  ({ field, type, description }) => `${description ? `${JSON.stringify(description)} ` : ""}${field}: ${type}`,
).join("\n        ");

export function makeAvailabilityPlugin(streams: AvailabilityStreams) {
  return extendSchema(() => ({
    typeDefs: gql`
      type EventAvailability {
        ${EVENT_AVAILABILITY_FIELDS}
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
        plans: Object.fromEntries(
          AVAILABILITY_MESSAGE_FIELDS.map(({ column, field, type }) => [
            field,
            // BigInt is a string in GraphQL; the rest as the message has it.
            type.startsWith("BigInt")
              ? ($m: Step<AvailabilityMessage>) => lambda(access($m, column), (value) => String(value))
              : ($m: Step<AvailabilityMessage>) => access($m, column),
          ]),
        ),
      },
    },
  }), "AvailabilityPlugin");
}
