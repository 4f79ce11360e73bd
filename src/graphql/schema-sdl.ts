// The GraphQL schema as PostGraphile builds it for the server (same preset,
// same plugins), written as sorted SDL for the committed schema.graphql.
// Building needs only a migrated database: the services the plugins call while
// serving (booking, payments, live availability) are never called here.
import { makeSchema } from "postgraphile";
import type pg from "pg";
import type { AvailabilityStreams } from "../availability/streams.ts";
import type { BookingService } from "../booking/service.ts";
import type { Logger } from "../log.ts";
import type { PaymentService } from "../payments/service.ts";
import type { EndedSessions } from "../auth/ended-sessions.ts";
import type { QueueEntryStreams } from "../release/queue-streams.ts";
import { makePreset } from "./preset.ts";

/** Write the SDL of the schema introspected through `pool` (the API's role) to `path`. */
export async function exportSchemaSdl(pool: pg.Pool, path: string, log: Logger): Promise<void> {
  const notServing = {} as never;
  await makeSchema({
    extends: [
      makePreset({
        booking: notServing as BookingService,
        availability: notServing as AvailabilityStreams,
        queueEntries: notServing as QueueEntryStreams,
        payments: notServing as PaymentService,
        endedSessions: notServing as EndedSessions,
        pgPool: pool,
        jwt: { secret: "unused: no token is signed while exporting", ttlSeconds: 60 },
        production: false,
        log,
        subscriptionLimits: { maxSubscriptionsPerConnection: 1, subscribesPerAddressPer10s: 1 },
      }),
    ],
    // PostGraphile writes the file itself (and leaves it untouched when nothing changed).
    schema: { exportSchemaSDLPath: path, sortExport: true },
  });
}
