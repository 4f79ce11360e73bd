// Subscription cohorts (src/websocket/cohorts.ts) change nothing a client can
// see: for every subscription field the schema has, anonymous and signed in,
// each frame a subscriber receives is byte-for-byte the frame a server without
// cohorts sends for the same operation: the current value, each change, a late
// joiner's current value, an unknown event's error, a refused operation.
import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, isLeafType, isObjectType, type GraphQLField } from "graphql";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server.ts";
import { deleteRedisKeys, request, startTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, insertUsers, tokenFor } from "../helpers/fixtures.ts";
import { createReleaseEvent, drawNow } from "../helpers/release.ts";
import { waitFor } from "../helpers/subscriptions.ts";

let db: TestDatabase;
let withCohorts: RunningServer;
let without: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase();
  [withCohorts, without] = await Promise.all([startTestServer(db), startTestServer(db, { overrides: { subscriptionCohorts: false } })]);
});
afterAll(async () => {
  await Promise.all([withCohorts?.close(), without?.close()]);
  if (db) await deleteRedisKeys(db.name);
  await db?.drop();
});

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
/**
 * Subscriptions whose changes are not bookings, each with its own test below (a booking
 * sends them no frame, so the loop over fields could not see them change).
 */
const OWN_TEST = new Set(["queueEntry"]);
const subscriptionFields = Object.values(schema.getSubscriptionType()!.getFields()).filter((field) => !OWN_TEST.has(field.name));

/** An id graphql-ws would repeat in every frame, with characters JSON must escape. */
const ID = 'op "1" \\ é';

/** A graphql-ws socket recording each message's text exactly as it arrived. */
async function subscriber(url: string, token: string | undefined, query: string, variables: Record<string, unknown>) {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  const frames: string[] = [];
  socket.on("message", (data: Buffer) => frames.push(data.toString("utf8")));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send(JSON.stringify({ type: "connection_init", payload: token ? { authorization: `Bearer ${token}` } : {} }));
  await waitFor(() => frames.length > 0, "connection_ack");
  expect(frames.shift()).toBe('{"type":"connection_ack"}');
  socket.send(JSON.stringify({ id: ID, type: "subscribe", payload: { query, variables } }));
  return {
    frames,
    /** Resolves once `n` frames have arrived. */
    has: (n: number) => waitFor(() => frames.length >= n, `${n} frames (have ${JSON.stringify(frames)})`, 15_000),
    close: () => socket.close(),
  };
}

/** The field with every leaf of its type selected, and variables for its arguments. */
async function operationFor(field: GraphQLField<unknown, unknown>) {
  const event = await insertEvent(db, { total_tickets: 50 });
  const { rows } = await db.owner.query<{ id: number }>("insert into app_public.categories (name) values ($1) returning id", [`Cohorts ${event.id}`]);
  await db.owner.query("update app_public.events set category_id = $2 where id = $1", [event.id, rows[0]!.id]);
  const known: Record<string, number> = { eventId: event.id, categoryId: rows[0]!.id };
  for (const arg of field.args) {
    // A new subscription argument needs a value here, or this test would not cover that subscription.
    expect(Object.keys(known), `argument ${field.name}(${arg.name})`).toContain(arg.name);
  }
  const type = getNamedType(field.type);
  if (!isObjectType(type)) throw new Error(`${field.name}: not an object type`);
  const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)));
  const params = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const query = `subscription${params ? `(${params})` : ""} { ${field.name}${args ? `(${args})` : ""} { ${leaves.map((f) => f.name).join(" ")} } }`;
  const variables = Object.fromEntries(field.args.map((a) => [a.name, known[a.name]]));
  return { event, query, variables };
}

const book = async (eventId: number) => {
  const answer = await request(withCohorts.url, "POST", `/events/${eventId}/book`, { token: tokenFor(await insertUser(db)) });
  expect(answer.status).toBe(201);
};

describe.each([
  ["anonymous", false],
  ["signed in", true],
])("%s", (_caller, signedIn) => {
  it.each(subscriptionFields.map((field) => [field.name, field] as const))(
    "%s: every frame is the frame a server without cohorts sends",
    async (_name, field) => {
      const token = signedIn ? tokenFor(await insertUser(db)) : undefined;
      const otherToken = signedIn ? undefined : tokenFor(await insertUser(db));
      const { event, query, variables } = await operationFor(field);
      // Two members of one cohort (one of them the other kind of caller), and the reference.
      const [a, b, reference] = await Promise.all([
        subscriber(withCohorts.url, token, query, variables),
        subscriber(withCohorts.url, otherToken, query, variables),
        subscriber(without.url, token, query, variables),
      ]);
      const late: Awaited<ReturnType<typeof subscriber>>[] = [];
      try {
        await Promise.all([a.has(1), b.has(1), reference.has(1)]);
        await book(event.id);
        await Promise.all([a.has(2), b.has(2), reference.has(2)]);
        // Joining a cohort that already runs: its own current value first.
        late.push(await subscriber(withCohorts.url, token, query, variables), await subscriber(without.url, token, query, variables));
        await Promise.all(late.map((s) => s.has(1)));
        await book(event.id);
        await Promise.all([a.has(3), b.has(3), reference.has(3), ...late.map((s) => s.has(2))]);

        expect(reference.frames[0]).toMatch(/^\{"id":"op \\"1\\" \\\\ é","type":"next","payload":\{"data":/);
        expect(a.frames).toEqual(reference.frames);
        expect(b.frames).toEqual(reference.frames);
        expect(late[0]!.frames).toEqual(late[1]!.frames);
      } finally {
        for (const s of [a, b, reference, ...late]) s.close();
      }
    },
  );
});

describe("what is not a stream of values", () => {
  const EVENT = "subscription($id: Int!) { eventAvailability(eventId: $id) { eventId ticketsRemaining version } }";

  it.each([
    ["an unknown event", { id: 2_000_000_000 }, /"type":"error"/],
    ["a missing variable", {}, /"errors":\[/],
  ])("%s is answered with the same frames", async (_case, variables, expected) => {
    const token = tokenFor(await insertUser(db));
    const [a, reference] = await Promise.all([subscriber(withCohorts.url, token, EVENT, variables), subscriber(without.url, token, EVENT, variables)]);
    try {
      await Promise.all([a.has(1), reference.has(1)]);
      expect(reference.frames[0]).toMatch(expected);
      // An error frame ends the operation; a result that is not a stream is followed by complete.
      const frames = reference.frames[0]!.includes('"type":"error"') ? 1 : 2;
      await Promise.all([a.has(frames), reference.has(frames)]);
      expect(a.frames).toEqual(reference.frames);
    } finally {
      a.close();
      reference.close();
    }
  });
});

// queueEntry is one student's own place: no cohort runs it (src/websocket/cohorts.ts passes it
// to grafast as it is), and each frame must still be the frame of a server without cohorts.
describe("queueEntry", () => {
  const QUEUE_ENTRY = "subscription ($id: Int!) { queueEntry(eventId: $id) { eventId state position admittedUntil } }";

  it("a student's frames are the frames a server without cohorts sends: the entry, then each change", async () => {
    const [admin] = await insertUsers(db, 1, "admin");
    const [student] = await insertUsers(db, 1, "student", { verified: true });
    const event = await createReleaseEvent(db, admin!, "queue", { seats: 1 });
    await db.as(student!, (c) => c.query("select app_public.join_queue($1)", [event.id]));
    const token = tokenFor(student!);
    // Two tabs of the same student at once: the same operation, variables and claims, which a
    // cohort would share; each must still get its own stream.
    const [a, a2, reference] = await Promise.all([
      subscriber(withCohorts.url, token, QUEUE_ENTRY, { id: event.id }),
      subscriber(withCohorts.url, token, QUEUE_ENTRY, { id: event.id }),
      subscriber(without.url, token, QUEUE_ENTRY, { id: event.id }),
    ]);
    const all = [a, a2, reference];
    try {
      await Promise.all(all.map((s) => s.has(1)));
      expect(reference.frames[0]).toContain('"state":"waiting","position":null');
      await drawNow(db, event.id); // the shuffle: the only student is admitted
      await Promise.all(all.map((s) => s.has(2)));
      expect(reference.frames[1]).toContain('"state":"admitted"');
      await db.as(student!, (c) => c.query("select app_public.leave_queue($1)", [event.id]));
      await Promise.all(all.map((s) => s.has(3)));
      expect(reference.frames[2]).toContain('"state":"left"');
      expect(a.frames).toEqual(reference.frames);
      expect(a2.frames).toEqual(reference.frames);
    } finally {
      for (const s of all) s.close();
    }
  });

  it.each([
    ["anonymous", false],
    ["an admin", true],
  ])("%s is refused with the same frames", async (_caller, signedIn) => {
    const event = await insertEvent(db);
    const token = signedIn ? tokenFor(await insertUser(db, "admin")) : undefined;
    const [a, reference] = await Promise.all([
      subscriber(withCohorts.url, token, QUEUE_ENTRY, { id: event.id }),
      subscriber(without.url, token, QUEUE_ENTRY, { id: event.id }),
    ]);
    try {
      await Promise.all([a.has(1), reference.has(1)]);
      expect(reference.frames[0]).toMatch(signedIn ? /FORBIDDEN/ : /UNAUTHENTICATED/);
      expect(a.frames).toEqual(reference.frames);
    } finally {
      a.close();
      reference.close();
    }
  });
});
