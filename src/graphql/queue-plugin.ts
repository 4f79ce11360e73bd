// The queueEntry subscription: your entry in an event's waiting room, pushed
// whenever it changes (position, admitted, closed), fed by
// src/release/queue-streams.ts (one LISTEN, one read per change per instance):
//   subscription { queueEntry(eventId: 1) { eventId state position admittedUntil } }
// The first message is the entry as it is (null if you have not joined).
import { jsonParse } from "postgraphile/@dataplan/json";
import { access, context, lambda, list, listen, type FieldArgs, type Step } from "postgraphile/grafast";
import { extendSchema, gql } from "postgraphile/utils";
import { appRoleOf, type PgSettings } from "../auth/pg-settings.ts";
import { appError } from "../errors.ts";
import { queueEntryTopic, type QueueEntryMessage, type QueueEntryStreams } from "../release/queue-streams.ts";

export function makeQueuePlugin(streams: QueueEntryStreams) {
  return extendSchema(() => ({
    typeDefs: gql`
      type QueueEntryUpdate {
        eventId: Int!
        state: QueueEntryState!
        "Your place in line (1 = next); null before the shuffle at sales_start and once no longer waiting."
        position: Int
        "Admitted: book before this moment."
        admittedUntil: Datetime
      }
      extend type Subscription {
        "Your entry in this event's queue (students): as it is now, then at every change; null if you have not joined."
        queueEntry(eventId: Int!): QueueEntryUpdate
      }
    `,
    objects: {
      Subscription: {
        plans: {
          queueEntry: {
            subscribePlan(_$root: unknown, fieldArgs: FieldArgs) {
              const $settings = context().get("pgSettings") as Step<PgSettings>;
              const $topic = lambda(list([fieldArgs.getRaw("eventId") as Step<number>, $settings]), ([eventId, settings]) => {
                const role = appRoleOf(settings as PgSettings);
                if (role === "anonymous") throw appError("UNAUTHENTICATED");
                if (role !== "student") throw appError("FORBIDDEN:queue");
                return queueEntryTopic(eventId as number, Number((settings as PgSettings)["jwt.claims.user_id"]));
              });
              return listen(streams, $topic, jsonParse);
            },
            plan: ($message: Step) => $message,
          },
        },
      },
      QueueEntryUpdate: {
        plans: {
          eventId: ($m: Step<QueueEntryMessage>) => access($m, "event_id"),
          state: ($m: Step<QueueEntryMessage>) => access($m, "state"),
          position: ($m: Step<QueueEntryMessage>) => access($m, "position"),
          admittedUntil: ($m: Step<QueueEntryMessage>) => access($m, "admitted_until"),
        },
      },
    },
  }), "QueuePlugin");
}
