// The README's GraphQL examples must stay true: each one validates against the
// schema the server builds from the migrated database.
import { readFileSync } from "node:fs";
import pg from "pg";
import { makeSchema } from "postgraphile";
import { parse, validate } from "postgraphile/graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AvailabilityStreams } from "../../src/availability/streams.ts";
import type { QueueEntryStreams } from "../../src/release/queue-streams.ts";
import type { BookingService } from "../../src/booking/service.ts";
import { makePreset } from "../../src/graphql/preset.ts";
import { log } from "../../src/log.ts";
import type { EndedSessions } from "../../src/auth/ended-sessions.ts";
import type { PaymentService } from "../../src/payments/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { testJwt } from "../helpers/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** Every operation in the README: ```graphql blocks (one per line that starts one) and inline `query { … }`. */
function readmeOperations(): string[] {
  const readme = readFileSync("README.md", "utf8");
  const operations: string[] = [];
  for (const [, block] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    let current = "";
    for (const line of block!.split("\n")) {
      const code = line.replace(/#.*$/, "");
      if (/^(query|mutation|subscription) /.test(code) && current.trim()) {
        operations.push(current);
        current = "";
      }
      current += `${code}\n`;
    }
    if (current.trim()) operations.push(current);
  }
  for (const [, inline] of readme.matchAll(/`((?:query|mutation|subscription) \{.*?\})`/g)) operations.push(inline!);
  return operations.map((op) => op.replaceAll("…", "x"));
}

it("every GraphQL example in the README validates against the schema", async () => {
  // Plugins only need these at request time; building the schema does not call them.
  const pool = new pg.Pool({ connectionString: db.authUrl, max: 1 });
  // Its client may still be closing when the test drops the database (WITH FORCE):
  // that late 57P01 is no failure, and an unheard pool error would end the run.
  pool.on("error", () => {});
  const preset = makePreset({
    pgPool: pool,
    jwt: testJwt,
    production: false,
    log,
    booking: {} as BookingService,
    availability: {} as AvailabilityStreams,
    queueEntries: {} as QueueEntryStreams,
    payments: {} as PaymentService,
    endedSessions: {} as EndedSessions,
    subscriptionLimits: { maxSubscriptionsPerConnection: 1, subscribesPerAddressPer10s: 1 },
  });
  const { schema } = await makeSchema(preset);
  await pool.end(); // introspection is done
  const operations = readmeOperations();
  expect(operations.length).toBeGreaterThan(10);
  for (const operation of operations) {
    expect(validate(schema, parse(operation)).map((e) => e.message), operation).toEqual([]);
  }
});
