// GraphQL work outside the cost model, against production-mode servers:
// - lists: a 3,000-item `orderBy` computes a cost of 2 but took 140 ms to plan;
//   every list a client sends is bounded, refused before anything runs;
// - new documents: a random `# comment` per request missed the parse and plan
//   caches (235 ms against 31–72 ms); comments no longer make a document new,
//   and documents that are new (renamed aliases…) spend a per-client budget,
//   shared by instances through Redis.
// Behind a trusted proxy (loopback) X-Forwarded-For names the client, so each
// test's clients speak from addresses of their own.
import { createClient } from "graphql-ws";
import { Lexer, Source, TokenKind } from "postgraphile/graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { defaultGraphqlLimits } from "../../src/graphql/limits/index.ts";
import { MIN_TOKENS_SPENT } from "../../src/graphql/limits/documents.ts";
import type { RunningServer } from "../../src/server.ts";
import { startTestServer, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor, type EventRow } from "../helpers/fixtures.ts";
import { rawSocket } from "../helpers/subscriptions.ts";

const limits = defaultGraphqlLimits;
const overrides = { trustProxy: "loopback" };
const t = useTestServer({ production: true, overrides });

let nextAddress = 1;
const newAddress = () => `203.0.113.${nextAddress++}`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string; field?: string; retryAfter?: number } }[] };
  ms: number;
}

async function post(
  query: string,
  { address, token, variables = {}, server = t.server }: { address: string; token?: string; variables?: object; server?: RunningServer },
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer["body"];
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body, ms: performance.now() - started };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

/** A document new to the server each time (only its operation's name changes), as an attacker renames aliases. */
const distinct = (i: number) =>
  `query Q${i} { ${Array.from({ length: 12 }, (_, k) => `e${k}: allEvents(first: 2) { nodes { id name venue startsAt ticketsRemaining } totalCount }`).join(" ")} }`;

function tokensOf(query: string) {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}
/** How many distinct documents fit in one client's budget. */
const perBudget = Math.floor(limits.newDocumentTokens / tokensOf(distinct(0)));

/** Sends new documents from `address` until one is refused: the accepted ones' count and times, and the refusal. */
async function sendUntilRefused(address: string, from: number, server = t.server) {
  const times: number[] = [];
  for (let i = 0; i <= perBudget + 1; i++) {
    const answer = await post(distinct(from + i), { address, server });
    if (answer.status !== 200) return { accepted: i, times, refusal: answer };
    expect(answer.body.errors).toBeUndefined();
    times.push(answer.ms);
  }
  throw new Error(`${perBudget + 2} new documents from one client and none refused`);
}

function expectRateLimited(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(codeOf(answer)).toBe("RATE_LIMITED");
  expect(answer.body.errors![0]!.message).toMatch(/new to this server/);
  const seconds = Number(answer.retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(limits.newDocumentWindowSeconds);
  expect(answer.body.errors![0]!.extensions!.retryAfter).toBe(seconds);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let event: EventRow;
beforeAll(async () => {
  for (let i = 0; i < 3; i++) event = await insertEvent(t.db, { total_tickets: 50 });
});

describe("lists a client sends", () => {
  const ordered = `query O($o: [EventOrderBy!]) { allEvents(first: 1, orderBy: $o) { totalCount } }`;

  it("refuses a 3,000-item orderBy variable with INVALID_INPUT naming it, and takes one at the limit", async () => {
    const address = newAddress();
    const long = await post(ordered, { address, variables: { o: Array.from({ length: 3_000 }, () => "ID_ASC") } });
    expect(codeOf(long)).toBe("INVALID_INPUT");
    expect(long.body.errors![0]!.extensions!.field).toBe("o");
    expect(long.body.errors![0]!.message).toBe(`Variable \`$o\` may hold at most ${limits.maxListItems} items; this one holds 3000.`);
    expect(long.body.data).toBeUndefined();

    const atLimit = await post(ordered, { address, variables: { o: Array.from({ length: limits.maxListItems }, () => "ID_ASC") } });
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data.allEvents.totalCount).toBe(3);
  });

  it("refuses a long list nested in an input variable before anything runs: the mutation does nothing", async () => {
    const before = await t.db.owner.query("select description from app_public.events where id = $1", [event.id]);
    const update = `mutation U($input: UpdateEventInput!) { updateEvent(input: $input) { event { id description } } }`;
    const input = { id: event.id, description: "changed by a refused request", clear: Array.from({ length: 3_000 }, () => "categoryId") };
    const refused = await post(update, { address: newAddress(), token: t.adminToken, variables: { input } });
    expect(codeOf(refused)).toBe("INVALID_INPUT");
    expect(refused.body.errors![0]!.extensions!.field).toBe("input");
    const after = await t.db.owner.query("select description from app_public.events where id = $1", [event.id]);
    expect(after.rows).toEqual(before.rows);
  });

  it("refuses a literal list longer than the limit, in an argument or a variable's default", async () => {
    const values = (count: number) => Array.from({ length: count }, () => "ID_ASC").join(" ");
    const literal = await post(`{ allEvents(first: 1, orderBy: [${values(limits.maxListItems + 1)}]) { totalCount } }`, { address: newAddress() });
    expect(codeOf(literal)).toBe("INVALID_INPUT");
    expect(literal.body.errors![0]!.extensions!.field).toBe("orderBy");
    const defaulted = await post(`query O($o: [EventOrderBy!] = [${values(limits.maxListItems + 1)}]) { allEvents(first: 1, orderBy: $o) { totalCount } }`, {
      address: newAddress(),
    });
    expect(codeOf(defaulted)).toBe("INVALID_INPUT");
    const atLimit = await post(`{ allEvents(first: 1, orderBy: [${values(limits.maxListItems)}]) { totalCount } }`, { address: newAddress() });
    expect(atLimit.body.errors).toBeUndefined();
  });
});

describe("documents new to the server", () => {
  let second: RunningServer;
  beforeAll(async () => {
    // A second instance on the same database and Redis: the budget is one per client across both.
    second = await startTestServer(t.db, { production: true, overrides });
  });
  afterAll(async () => {
    await second?.close();
  });

  it("throttles one client's stream of new documents while other clients, and a control booking, carry on", async () => {
    const attacker = newAddress();
    const student = await insertUser(t.db);
    const [{ accepted, refusal }, booking] = await Promise.all([
      sendUntilRefused(attacker, 1_000),
      post(`mutation B($e: Int!) { bookTicket(input: { eventId: $e }) { ticketId status } }`, {
        address: attacker, // the same address: a signed-in student has a budget of their own
        token: tokenFor(student),
        variables: { e: event.id },
      }),
    ]);
    expect(accepted).toBe(perBudget);
    expectRateLimited(refusal);
    expect(booking.body.errors).toBeUndefined();
    expect(booking.body.data.bookTicket.ticketId).toEqual(expect.any(Number));

    // Still refused, on the other instance too; websockets spend the same budget.
    expectRateLimited(await post(distinct(5_000), { address: attacker }));
    expectRateLimited(await post(distinct(5_001), { address: attacker, server: second }));
    const overWebsocket = await subscribeOnce(second, attacker, `subscription { fresh: eventAvailability(eventId: ${event.id}) { eventId } }`);
    expect(overWebsocket.extensions?.code).toBe("RATE_LIMITED");
    expect(overWebsocket.extensions?.retryAfter).toBeGreaterThan(0);

    // A document the server knows costs nothing: the throttled client still gets it.
    const known = await post(distinct(1_000), { address: attacker });
    expect(known.body.errors).toBeUndefined();

    // Someone else's new documents are theirs to spend.
    const other = await post(distinct(6_000), { address: newAddress() });
    expect(other.body.errors).toBeUndefined();
    const otherStudent = await post(distinct(6_001), { address: attacker, token: tokenFor(await insertUser(t.db)) });
    expect(otherStudent.body.errors).toBeUndefined();
  });

  it("counts one document sent with different comments once, and answers those from the cache", async () => {
    const address = newAddress();
    const query = `query Listing {\n  allEvents(first: 3) { # ${"x".repeat(40)}\n    nodes { id name venue startsAt ticketsRemaining }\n  }\n}`;
    const variants: Answer[] = [];
    for (let i = 0; i < 200; i++) variants.push(await post(`# request ${i} ${Math.random()}\n${query.replace("x", `${i}`)} # ${i}`, { address }));
    for (const answer of variants) expect(answer.body.data.allEvents.nodes).toHaveLength(3);
    // The 200 spent the budget once, as one document of this size: the rest is there for new documents.
    const spent = Math.max(tokensOf(query), 50);
    const { accepted, times, refusal } = await sendUntilRefused(address, 10_000);
    expect(accepted).toBe(Math.floor((limits.newDocumentTokens - spent) / tokensOf(distinct(0))));
    expectRateLimited(refusal);
    console.log(
      `200 comment variants of a ${tokensOf(query)}-token document: median ${median(variants.map((a) => a.ms)).toFixed(1)} ms; ` +
        `then ${accepted} new ${tokensOf(distinct(0))}-token documents (median ${median(times).toFixed(1)} ms) before the 429 ` +
        `(${refusal.ms.toFixed(1)} ms; budget ${limits.newDocumentTokens} tokens per ${limits.newDocumentWindowSeconds} s)`,
    );
  });

  it("charges a burst of one new document once: 50 tabs subscribing at once all get their value", async () => {
    // Room for two new documents; the burst's 50 copies all reach the budget
    // before the first copy's spend is answered (one TCP read of frames).
    const small = await startTestServer(t.db, {
      production: true,
      overrides: { ...overrides, graphqlLimits: { newDocumentTokens: 2 * MIN_TOKENS_SPENT }, websockets: { maxSubscriptionsPerConnection: 50 } },
    });
    const address = newAddress();
    const socket = await rawSocket(small.url, { headers: { "x-forwarded-for": address } });
    try {
      await socket.until(() => socket.messages.some((m) => m.type === "connection_ack"), "connection_ack");
      const query = `subscription Burst($e: Int!) { eventAvailability(eventId: $e) { eventId ticketsRemaining } }`;
      const ids = Array.from({ length: 50 }, (_, i) => `burst-${i}`);
      for (const id of ids) socket.socket.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables: { e: event.id } } }));
      const firstAnswer = (id: string) => socket.messages.find((m) => m.id === id && (m.type === "next" || m.type === "error"));
      await socket.until(() => ids.every(firstAnswer), "an answer to every subscription");
      const refused = ids.map(firstAnswer).filter((m) => m.type === "error");
      expect(refused.map((m) => m.payload[0]?.extensions?.code)).toEqual([]);
      for (const id of ids) expect(firstAnswer(id).payload.data.eventAvailability).toEqual({ eventId: event.id, ticketsRemaining: expect.any(Number) });

      // The burst spent one new document's tokens: one more new document fits, the next does not.
      const tiny = (name: string) => `query ${name} { allEvents(first: 1) { totalCount } }`;
      expect((await post(tiny("AfterBurst1"), { address, server: small })).body.errors).toBeUndefined();
      expectRateLimited(await post(tiny("AfterBurst2"), { address, server: small }));
    } finally {
      socket.socket.close();
      await small.close();
    }
  });

  it("keeps the line and column of what the client sent in error locations", async () => {
    const answer = await post(`# a comment\n{\n  allEvents(first: 1) { nodes { nope } } # another\n}\n\n# trailing`, { address: newAddress() });
    expect(answer.body.errors![0]!.message).toBe('Cannot query field "nope" on type "Event".');
    expect((answer.body.errors![0] as { locations?: unknown }).locations).toEqual([{ line: 3, column: 33 }]);
  });
});

/** The first error of one subscription opened from `address`, over a fresh websocket. */
function subscribeOnce(server: RunningServer, address: string, query: string) {
  class FromAddress extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { "x-forwarded-for": address } });
    }
  }
  const client = createClient({ url: `${server.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: FromAddress, retryAttempts: 0 });
  return new Promise<{ message: string; extensions?: { code?: string; retryAfter?: number } }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer over the websocket within 10 s")), 10_000);
    const done = (error: { message: string } | undefined) => {
      clearTimeout(timer);
      void client.dispose();
      if (error) resolve(error);
      else reject(new Error("the subscription was accepted"));
    };
    client.subscribe(
      { query },
      {
        next: () => done(undefined),
        error: (error) => done(Array.isArray(error) ? error[0] : { message: String(error) }),
        complete: () => {},
      },
    );
  });
}
