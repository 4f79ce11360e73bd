// Hostile GraphQL documents against a production-mode server: every bound is
// refused before anything executes, with a code, and the server stays healthy.
import { createClient } from "graphql-ws";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../../src/config.ts";
import { defaultGraphqlLimits } from "../../src/graphql/limits/index.ts";
import { graphql, request, startTestServer, useTestServer } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";
import type { RunningServer } from "../../src/server.ts";

const limits = defaultGraphqlLimits;

// The server runs in this process, so this process's heap is the API's; collect
// garbage before each reading so the figures compare live memory.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** `allEvents(first: 2) { nodes { categoryByCategoryId { eventsByCategoryId(first: 2) { nodes { … id } } } } }`, `depth` fields deep. */
function deepQuery(depth: number) {
  const levels = ["allEvents(first: 2)", "nodes", "categoryByCategoryId", "eventsByCategoryId(first: 2)", "nodes"];
  let body = "id";
  // Fields from the root down: allEvents, nodes, then (category, events, nodes) repeating.
  const path: string[] = [];
  for (let i = 0; path.length < depth - 1; i++) path.push(i < 2 ? levels[i]! : levels[2 + ((i - 2) % 3)]!);
  for (const field of path.reverse()) body = `${field} { ${body} }`;
  return `{ ${body} }`;
}

const aliased = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: allEvents(first: 1) { totalCount }`).join(" ")} }`;

const codeOf = (response: { body: { errors?: { extensions?: { code?: string } }[] } }) => response.body.errors?.[0]?.extensions?.code;

/** One operation over graphql-ws; resolves with its first result or error. */
function overWebsocket(url: string, query: string, variables: Record<string, unknown> = {}) {
  const client = createClient({ url: `${url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  return new Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer over the websocket within 10 s")), 10_000);
    const done = (value: { data?: unknown; errors?: any[] }) => {
      clearTimeout(timer);
      dispose();
      void client.dispose();
      resolve(value);
    };
    const dispose = client.subscribe(
      { query, variables },
      {
        next: (result) => done(result as never),
        error: (error) => done({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
        complete: () => {},
      },
    );
  });
}

/** A subscription that answers at once with the current value of the first event. */
const watchFirstEvent = `subscription { eventAvailability(eventId: 1) { eventId ticketsRemaining } }`;

describe("GraphQL limits on a production server", () => {
  // The server's log, kept to check that client mistakes are not logged as our errors.
  const logLines: { level: number; msg: string }[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  const t = useTestServer({ production: true, overrides: { log } });
  let studentToken: string;

  beforeAll(async () => {
    studentToken = tokenFor(await insertUser(t.db));
    const { rows } = await t.db.owner.query<{ id: number }>("insert into app_public.categories (name) values ('Music') returning id");
    for (let i = 0; i < limits.defaultPageSize + 5; i++) await insertEvent(t.db);
    await t.db.owner.query("update app_public.events set category_id = $1", [rows[0]!.id]);
  });

  const categories = async () => (await t.db.owner.query("select name from app_public.categories order by id")).rows.map((r) => r.name);

  it("refuses a document deeper than the limit, before executing it, and takes one at the limit", async () => {
    const tooDeep = await graphql(t.server.url, deepQuery(limits.maxDepth + 4));
    expect(codeOf(tooDeep)).toBe("QUERY_TOO_COMPLEX");
    expect(tooDeep.body.errors![0]!.message).toBe(`Query depth limit of ${limits.maxDepth} exceeded, found ${limits.maxDepth + 4}.`);
    expect(tooDeep.body.data).toBeUndefined();
    expect(JSON.stringify(tooDeep.body)).not.toMatch(/stack|\bat \w+ \(/);

    // A mutation inside a refused document never runs.
    const mutation = `mutation { createCategory(input: { category: { name: "Deep" } }) { query ${deepQuery(limits.maxDepth)} } }`;
    const refused = await graphql(t.server.url, mutation, {}, t.adminToken);
    expect(codeOf(refused)).toBe("QUERY_TOO_COMPLEX");
    expect(await categories()).not.toContain("Deep");

    const atLimit = await graphql(t.server.url, deepQuery(limits.maxDepth));
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data.allEvents.nodes.length).toBeGreaterThan(0);
  });

  it("refuses more aliases than the limit, and takes the limit", async () => {
    const tooMany = await graphql(t.server.url, aliased(60));
    expect(codeOf(tooMany)).toBe("QUERY_TOO_COMPLEX");
    expect(tooMany.body.errors![0]!.message).toBe(`Aliases limit of ${limits.maxAliases} exceeded, found 60.`);
    const atLimit = await graphql(t.server.url, aliased(limits.maxAliases));
    expect(atLimit.body.errors).toBeUndefined();
    expect(Object.keys(atLimit.body.data)).toHaveLength(limits.maxAliases);
  });

  it("refuses a document with more tokens than the limit, and takes one at the limit", async () => {
    // `query Main { allEvents(first: 1, orderBy: [ID_ASC …]) { totalCount } }`: 17 tokens around the list's
    // values (commas are not tokens), and `query Ak { __typename }` operations of 5 tokens each for the rest.
    // (Repeating one field would trip graphql-js's own budget for comparing overlapping fields, and a list
    // is bounded by its own limit.)
    const wide = (tokens: number) => {
      const operations = Math.floor((tokens - 17) / 5) - 1;
      const values = "ID_ASC ".repeat(tokens - 17 - 5 * operations);
      const others = Array.from({ length: operations }, (_, k) => `query A${k} { __typename }`).join(" ");
      const query = `query Main { allEvents(first: 1, orderBy: [${values}]) { totalCount } } ${others}`;
      return request(t.server.url, "POST", "/graphql", { body: { query, operationName: "Main" } });
    };
    const over = await wide(limits.maxTokens + 1);
    expect(codeOf(over)).toBe("QUERY_TOO_COMPLEX");
    expect(over.body.errors![0]!.message).toBe(`Token limit of ${limits.maxTokens} exceeded.`);
    const atLimit = await wide(limits.maxTokens);
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data.allEvents.totalCount).toBe(limits.defaultPageSize + 5);
  });

  it("refuses a body over the size limit", async () => {
    const response = await request(t.server.url, "POST", "/graphql", { body: { query: `{ __typename }`, variables: { pad: "x".repeat(limits.maxBodyBytes) } } });
    expect(response.status).toBe(413);
  });

  it("refuses a page larger than the maximum, as a literal or through variables, before executing anything", async () => {
    const literal = await graphql(t.server.url, `{ allEvents(first: 1000000) { nodes { id } } }`);
    expect(codeOf(literal)).toBe("INVALID_INPUT");
    expect(literal.body.errors![0]!.message).toContain(`between 0 and ${limits.maxPageSize}`);
    expect(literal.body.data).toBeUndefined();

    const query = `query Page($n: Int) { upcomingEvents(last: $n) { nodes { id } } }`;
    const variable = await graphql(t.server.url, query, { n: limits.maxPageSize + 1 });
    expect(codeOf(variable)).toBe("INVALID_INPUT");
    const defaulted = await graphql(t.server.url, `query Page($n: Int = 1000000) { allEvents(first: $n) { totalCount } }`);
    expect(codeOf(defaulted)).toBe("INVALID_INPUT");

    const mutation = `mutation M($n: Int) { createCategory(input: { category: { name: "Paged" } }) { query { allEvents(first: $n) { totalCount } } } }`;
    const refused = await graphql(t.server.url, mutation, { n: 1_000_000 }, t.adminToken);
    expect(codeOf(refused)).toBe("INVALID_INPUT");
    expect(await categories()).not.toContain("Paged");

    const atLimit = await graphql(t.server.url, `query Page($n: Int) { allEvents(first: $n) { nodes { id } } }`, { n: limits.maxPageSize });
    expect(atLimit.body.data.allEvents.nodes).toHaveLength(limits.defaultPageSize + 5);
  });

  it("gives one default page to a client that names no page size, even through a null variable", async () => {
    const plain = await graphql(t.server.url, `{ allEvents { totalCount nodes { id } } }`);
    expect(plain.body.data.allEvents.totalCount).toBe(limits.defaultPageSize + 5);
    expect(plain.body.data.allEvents.nodes).toHaveLength(limits.defaultPageSize);
    const nulled = await graphql(t.server.url, `query Page($n: Int) { allEvents(first: $n) { nodes { id } } }`, { n: null });
    expect(nulled.body.data.allEvents.nodes).toHaveLength(limits.defaultPageSize);
    const backwards = await graphql(t.server.url, `{ allEvents(last: 3) { nodes { id } } }`);
    expect(backwards.body.data.allEvents.nodes).toHaveLength(3);
  });

  it("refuses nested connections whose pages multiply past the cost limit, variables included", async () => {
    const nested = `query N($outer: Int, $inner: Int) {
      allEvents(first: $outer) { nodes { categoryByCategoryId { eventsByCategoryId(first: $inner) { nodes { id name } } } } }
    }`;
    const tooCostly = await graphql(t.server.url, nested, { outer: 100, inner: 100 });
    expect(codeOf(tooCostly)).toBe("QUERY_TOO_COMPLEX");
    expect(tooCostly.body.errors![0]!.message).toMatch(new RegExp(`^Query cost limit of ${limits.maxCost} exceeded`));
    // 100 × (1 + 1 + (1 + 10 × 3)) = 3,301: under the limit.
    const underLimit = await graphql(t.server.url, nested, { outer: 100, inner: 10 });
    expect(underLimit.body.errors).toBeUndefined();
    expect(underLimit.body.data.allEvents.nodes).toHaveLength(limits.defaultPageSize + 5);
  });

  it("refuses two logins or signups in one request, aliases and extra operations included", async () => {
    const login = (alias: string) => `${alias}: login(input: { email: "nobody@example.edu", password: "wrong password" }) { token }`;
    const aliasedLogins = await graphql(t.server.url, `mutation { ${login("a")} ${login("b")} }`);
    expect(codeOf(aliasedLogins)).toBe("TOO_MANY_AUTH_OPERATIONS");
    expect(aliasedLogins.body.errors![0]!.message).toContain("at most one login or signup");
    const twoOperations = await graphql(
      t.server.url,
      `mutation A { ${login("a")} } mutation B { signup(input: { name: "N", email: "n@example.edu", password: "long enough" }) { clientMutationId } }`,
    );
    expect(codeOf(twoOperations)).toBe("TOO_MANY_AUTH_OPERATIONS");
    const one = await graphql(t.server.url, `mutation { ${login("a")} }`);
    expect(codeOf(one)).not.toBe("TOO_MANY_AUTH_OPERATIONS");
  });

  describe("schema visibility", () => {
    let development: RunningServer;
    let productionWithIntrospection: RunningServer;
    beforeAll(async () => {
      development = await startTestServer(t.db);
      productionWithIntrospection = await startTestServer(t.db, { production: true, overrides: { introspection: true } });
    });
    afterAll(async () => {
      await development?.close();
      await productionWithIntrospection?.close();
    });

    it("hides introspection and suggestions in production, unless asked; shows them in development", async () => {
      const introspection = await graphql(t.server.url, `{ __schema { types { name } } }`);
      expect(codeOf(introspection)).toBe("INVALID_INPUT");
      expect(introspection.body.errors![0]!.message).toMatch(/introspection has been disabled/);
      const typo = await graphql(t.server.url, `{ allEvnts { totalCount } }`);
      expect(typo.body.errors![0]!.message).toBe('Cannot query field "allEvnts" on type "Query".');
      const badEnum = await graphql(t.server.url, `query O($o: [EventOrderBy!]) { allEvents(orderBy: $o) { totalCount } }`, { o: ["NAME_AS"] });
      expect(badEnum.body.errors![0]!.message).toMatch(/NAME_AS/);
      expect(badEnum.body.errors![0]!.message).not.toMatch(/Did you mean/);

      for (const server of [development, productionWithIntrospection]) {
        const shown = await graphql(server.url, `{ __schema { queryType { name } } }`);
        expect(shown.body.data.__schema.queryType.name).toBe("Query");
        const suggested = await graphql(server.url, `{ allEvnts { totalCount } }`);
        expect(suggested.body.errors![0]!.message).toMatch(/Did you mean "allEvents"/);
      }
    });
  });

  it("answers a malformed pagination cursor as the client's mistake", async () => {
    for (const query of [`{ allEvents(after: "garbage") { nodes { id } } }`, `{ upcomingEvents(after: "WzFd") { nodes { id } } }`]) {
      const response = await graphql(t.server.url, query);
      expect(codeOf(response)).toBe("INVALID_INPUT");
      expect(response.body.errors![0]!.message).toMatch(/cursor/);
    }
    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it("applies the same limits over websockets", async () => {
    const deep = await overWebsocket(t.server.url, deepQuery(limits.maxDepth + 1));
    expect(deep.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    const huge = await overWebsocket(t.server.url, `{ __typename ${" ".repeat(limits.maxBodyBytes)}}`);
    expect(huge.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    const fine = await overWebsocket(t.server.url, watchFirstEvent);
    expect(fine.errors).toBeUndefined();
  });

  it("gives a code to every refusal that comes before GraphQL runs (body, media type, syntax)", async () => {
    const post = async (body: string, contentType = "application/json") => {
      const response = await fetch(`${t.server.url}/graphql`, { method: "POST", headers: { "content-type": contentType }, body });
      return { status: response.status, code: ((await response.json()) as any).errors?.[0]?.extensions?.code };
    };
    expect(await post(JSON.stringify({ query: "{" }))).toEqual({ status: 400, code: "INVALID_INPUT" });
    expect(await post("not json")).toEqual({ status: 400, code: "INVALID_INPUT" });
    expect(await post(JSON.stringify({ query: 5 }))).toEqual({ status: 400, code: "INVALID_INPUT" });
    expect(await post(JSON.stringify({ query: `{ __typename ${" ".repeat(limits.maxBodyBytes)}}` }))).toEqual({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
    });
    expect(await post(JSON.stringify({ query: "{ __typename }" }), "text/plain")).toEqual({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("serves subscriptions only over websockets: queries and mutations go over HTTP, where every bound applies", async () => {
    const query = await overWebsocket(t.server.url, `query P($n: Int) { allEvents(first: $n) { totalCount } }`, { n: 1 });
    expect(query.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTIONS_ONLY");
    const login = await overWebsocket(t.server.url, `mutation { login(input: { email: "a@example.edu", password: "guess" }) { token } }`);
    expect(login.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTIONS_ONLY");
  });

  it("closes a websocket that sends a message too big to read (1009), without buffering it", async () => {
    const socket = new WebSocket(`${t.server.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    socket.send(JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(4 * limits.maxBodyBytes) } }));
    expect(await closed).toBe(1009);
    expect((await overWebsocket(t.server.url, watchFirstEvent)).errors).toBeUndefined(); // everyone else carries on
  });

  it("stays healthy under a batch of hostile documents: refused quickly, heap flat", async () => {
    const nested = (first: string) =>
      `allEvents(first: ${first}) { nodes { categoryByCategoryId { eventsByCategoryId(first: ${first}) { nodes { categoryByCategoryId { eventsByCategoryId(first: ${first}) { nodes { id name } } } } } } } }`;
    const hostile = [
      deepQuery(40),
      aliased(400),
      `{ ${nested("100")} }`,
      `query N($n: Int) { ${nested("$n")} }`,
      `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: allEvents(first: 100000) { nodes { categoryByCategoryId { eventsByCategoryId(first: 100000) { nodes { id name description } } } } }`).join(" ")} }`,
    ];
    // A comment makes each document new to grafserv's parse-and-validate cache.
    const send = (i: number) => graphql(t.server.url, hostile[i % hostile.length]! + ` # ${i}`, i % hostile.length === 3 ? { n: 100 } : {});
    await Promise.all(Array.from({ length: 6 }, (_, i) => send(i))); // warm up
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => send(i)));
    const elapsed = performance.now() - started;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    for (const response of responses) expect(codeOf(response)).toBe("QUERY_TOO_COMPLEX");
    console.log(`50 hostile documents: ${elapsed.toFixed(0)} ms; heap ${(before / 2 ** 20).toFixed(1)} MiB → ${(after / 2 ** 20).toFixed(1)} MiB`);
    expect(after - before).toBeLessThan(64 * 2 ** 20);
    const normal = await graphql(t.server.url, `{ upcomingEvents(first: 5) { nodes { id name } } }`, {}, studentToken);
    expect(normal.body.data.upcomingEvents.nodes).toHaveLength(5);
  });
});

describe("configuration of the bounds", () => {
  const production = {
    NODE_ENV: "production",
    JWT_SECRET: "x".repeat(32),
    PAYMENT_WEBHOOK_SECRET: "y".repeat(32),
    PUBLIC_URL: "https://tickets.example.edu",
  };

  it("refuses * in production, with a message saying why", () => {
    expect(() => loadConfig({ ...production, CORS_ORIGINS: "https://tickets.example.edu, *" })).toThrow(
      /CORS_ORIGINS: .*\* .*not allowed in production/,
    );
    expect(loadConfig({ ...production, CORS_ORIGINS: "https://tickets.example.edu" }).CORS_ORIGINS).toEqual(["https://tickets.example.edu"]);
  });

  it("takes the GraphQL limits from the environment, checked", () => {
    expect(loadConfig({}).GRAPHQL_INTROSPECTION).toBe(true);
    expect(loadConfig(production).GRAPHQL_INTROSPECTION).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: "true" }).GRAPHQL_INTROSPECTION).toBe(true);
    expect(loadConfig({ GRAPHQL_MAX_DEPTH: "7" }).GRAPHQL_MAX_DEPTH).toBe(7);
    expect(() => loadConfig({ GRAPHQL_MAX_PAGE_SIZE: "10", GRAPHQL_DEFAULT_PAGE_SIZE: "50" })).toThrow(
      /GRAPHQL_DEFAULT_PAGE_SIZE: must not exceed GRAPHQL_MAX_PAGE_SIZE/,
    );
    expect(loadConfig({ GRAPHQL_MAX_LIST_ITEMS: "20" }).GRAPHQL_MAX_LIST_ITEMS).toBe(20);
    expect(loadConfig({}).GRAPHQL_NEW_DOCUMENT_TOKENS).toBe(limits.newDocumentTokens);
    expect(loadConfig({ GRAPHQL_NEW_DOCUMENT_WINDOW_SECONDS: "600" }).GRAPHQL_NEW_DOCUMENT_WINDOW_SECONDS).toBe(600);
    // A document at the token limit must fit in the budget.
    expect(() => loadConfig({ GRAPHQL_MAX_TOKENS: "2000", GRAPHQL_NEW_DOCUMENT_TOKENS: "1500" })).toThrow(
      /GRAPHQL_NEW_DOCUMENT_TOKENS: must be at least GRAPHQL_MAX_TOKENS/,
    );
  });

  it("answers * in development with a literal *, never reflecting the caller's origin", async () => {
    const db = await createTestDatabase();
    const server = await startTestServer(db, { corsOrigins: ["*"] });
    try {
      const response = await fetch(`${server.url}/healthz`, { headers: { origin: "https://evil.example" } });
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    } finally {
      await server.close();
      await db.drop();
    }
  });
});
