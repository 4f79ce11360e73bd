// A client cannot fill the log: the request line of a request with a 15 KB URL
// (in its path or its query string, on REST, GraphQL or a page load) keeps the
// first LOG_URL_MAX_CHARS characters of the URL and says how long it was.
// Against a production-mode server, reading what it logged.
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { logOptions } from "../../src/log.ts";
import { useTestServer } from "../helpers/app.ts";

const lines: string[] = [];
const log = pino({ ...logOptions, level: "info" }, { write: (line: string) => void lines.push(line) });
const t = useTestServer({ production: true, overrides: { log } });

const LONG = 15_000;

describe("request lines", () => {
  it("cut a client's 15 KB URL to its first 512 characters and its length, whatever the route", async () => {
    const filler = "A".repeat(LONG);
    const requests: [string, RequestInit?][] = [
      [`/events?category_id=1&padding=${filler}`],
      [`/no-such-route/${filler}`],
      [`/events/1/${filler}`, { headers: { accept: "text/html" } }],
      [`/graphql?padding=${filler}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' }],
    ];
    const first = lines.length;
    for (const [path, init] of requests) {
      const response = await fetch(`${t.server.url}${path}`, init);
      await response.body?.cancel();
    }
    // Each answer is written before its request line: the last line may still be on its way.
    for (let i = 0; i < 100 && lines.slice(first).filter((line) => line.includes('"req"')).length < requests.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const requestLines = lines.slice(first).filter((line) => line.includes('"req"'));
    expect(requestLines).toHaveLength(requests.length);
    for (const [n, line] of requestLines.entries()) {
      const [path] = requests[n]!;
      const { req } = JSON.parse(line) as { req: { url: string } };
      expect(line.length, path.slice(0, 30)).toBeLessThan(1_500);
      expect(req.url).toBe(`${path.slice(0, 512)}…(${path.length} chars)`);
    }
    const written = requestLines.reduce((sum, line) => sum + line.length, 0);
    console.log(`${requests.length} requests with ${LONG.toLocaleString("en")}-character URLs: ${written.toLocaleString("en")} bytes of request lines`);
  });

  it("keep a URL within the bound as it is", async () => {
    const first = lines.length;
    await (await fetch(`${t.server.url}/events?limit=5`)).text();
    for (let i = 0; i < 100 && !lines.slice(first).some((line) => line.includes('"req"')); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const line = lines.slice(first).find((candidate) => candidate.includes('"req"'))!;
    expect(JSON.parse(line).req.url).toBe("/events?limit=5");
  });

  it("answer a path with broken percent-encoding 400 INVALID_INPUT, and log none of its 15 KB", async () => {
    const first = lines.length;
    for (const path of ["/events/%E0%A4%A", `/events/%ZZ${"A".repeat(LONG)}`, `/tickets/%${"A".repeat(LONG)}`]) {
      const response = await fetch(`${t.server.url}${path}`, { method: path.startsWith("/tickets") ? "DELETE" : "GET" });
      expect(response.status, path.slice(0, 20)).toBe(400);
      expect(((await response.json()) as any).error.code, path.slice(0, 20)).toBe("INVALID_INPUT");
    }
    for (let i = 0; i < 100 && lines.slice(first).filter((line) => line.includes('"req"')).length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const logged = lines.slice(first);
    expect(logged.filter((line) => line.includes('"req"'))).toHaveLength(3);
    for (const line of logged) expect(line.length).toBeLessThan(1_500);
    expect(logged.filter((line) => JSON.parse(line).level >= 50)).toEqual([]); // not logged as our error
  });
});
