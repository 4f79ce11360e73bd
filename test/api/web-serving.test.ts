// The web app is served beside the API: a browser's page load (any client
// route) gets index.html with the pages' security headers, its assets are
// static files, and nothing the API answers changes: /graphql, REST, the JSON
// 404 envelope, /docs with Swagger UI's own CSP, /graphiql in development.
// A stand-in build (a temporary index.html and asset) keeps this independent of
// `vite build`; the browser tests exercise the real one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";

const dir = mkdtempSync(join(tmpdir(), "web-dist-"));
mkdirSync(join(dir, "assets"));
const INDEX = '<!doctype html><html lang="en"><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
writeFileSync(join(dir, "index.html"), INDEX);
writeFileSync(join(dir, "assets", "app-abc123.js"), "console.log('app');");
// Files with the gzip twin the build writes beside each script and stylesheet (web/vite.config.ts).
const SCRIPT = `export const events = [${Array.from({ length: 200 }, (_, i) => `"event ${i}"`).join(", ")}];`;
const STYLE = ".card { margin: 0 }\n".repeat(100);
for (const [name, content] of [["chunk-def456.js", SCRIPT], ["index-def456.css", STYLE]] as const) {
  writeFileSync(join(dir, "assets", name), content);
  writeFileSync(join(dir, "assets", `${name}.gz`), gzipSync(content));
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const t = useTestServer({ overrides: { web: { dir } } });

/** What Chromium sends when it navigates to a page. */
const NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

function page(path: string, accept = NAVIGATION) {
  return fetch(`${t.server.url}${path}`, { headers: { accept } });
}

function csp(response: Response): Map<string, string> {
  const header = response.headers.get("content-security-policy") ?? "";
  return new Map(
    header
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(" ")];
      }),
  );
}

describe("the web app at /", () => {
  it("serves index.html with a strict CSP and helmet's headers", async () => {
    const response = await page("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX);
    const policy = csp(response);
    expect(policy.get("script-src")).toBe("'self'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("img-src")).toBe("'self' data:");
    const host = new URL(t.server.url).host;
    expect(policy.get("connect-src")).toBe(`'self' ws://${host}`);
    expect(response.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the app for client routes, including ones that share a path with REST", async () => {
    for (const path of ["/events/1", "/my-tickets", "/admin/events/new", "/events", "/login"]) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(INDEX);
      expect(csp(response).get("frame-ancestors"), path).toBe("'none'");
    }
  });

  it("serves hashed assets as cacheable static files", async () => {
    const response = await page("/assets/app-abc123.js", "*/*");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(await response.text()).toBe("console.log('app');");
  });
});

/** A GET that sends exactly these headers and keeps the body's bytes as they came (fetch would decompress them). */
function raw(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(`${t.server.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    }).on("error", reject);
  });
}

describe("compressed assets", () => {
  const assets = [
    { path: "/assets/chunk-def456.js", content: SCRIPT, type: /^application\/javascript|^text\/javascript/ },
    { path: "/assets/index-def456.css", content: STYLE, type: /^text\/css/ },
  ];

  it("sends a script's or stylesheet's gzip twin to a browser that accepts gzip", async () => {
    for (const asset of assets) {
      const response = await raw(asset.path, { "accept-encoding": "gzip, deflate, br" });
      expect(response.status, asset.path).toBe(200);
      expect(response.headers["content-encoding"], asset.path).toBe("gzip");
      expect(response.headers["content-type"], asset.path).toMatch(asset.type);
      expect(response.headers.vary, asset.path).toMatch(/accept-encoding/i);
      expect(response.headers["cache-control"], asset.path).toContain("immutable");
      expect(response.headers["x-content-type-options"], asset.path).toBe("nosniff");
      expect(response.body.length, asset.path).toBeLessThan(Buffer.byteLength(asset.content) / 3);
      expect(gunzipSync(response.body).toString("utf8"), asset.path).toBe(asset.content);
    }
  });

  it("sends the file itself to a client that does not accept gzip, and when there is no twin", async () => {
    const refusals: Record<string, string>[] = [{}, { "accept-encoding": "identity" }, { "accept-encoding": "br, gzip;q=0" }];
    for (const headers of refusals) {
      for (const asset of assets) {
        const response = await raw(asset.path, headers);
        expect(response.status).toBe(200);
        expect(response.headers["content-encoding"]).toBeUndefined();
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.body.toString("utf8")).toBe(asset.content);
      }
    }
    const untwinned = await raw("/assets/app-abc123.js", { "accept-encoding": "gzip" });
    expect(untwinned.headers["content-encoding"]).toBeUndefined();
    expect(untwinned.body.toString("utf8")).toBe("console.log('app');");
  });
});

describe("the API is unaffected", () => {
  it("answers GraphQL on /graphql", async () => {
    const response = await graphql(t.server.url, "{ __typename }");
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __typename: "Query" });
  });

  it("answers REST with JSON where the app has a page of the same path", async () => {
    const events = await request(t.server.url, "GET", "/events");
    expect(events.status).toBe(200);
    expect(Array.isArray(events.body.events ?? events.body)).toBe(true);
    const one = await request(t.server.url, "GET", "/events/999999", { headers: { accept: "application/json" } });
    expect(one.status).toBe(404);
    expect(one.body.error.code).toBe("NOT_FOUND");
  });

  it("answers an unknown API path with the JSON 404 envelope", async () => {
    const response = await request(t.server.url, "GET", "/no-such-route");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "NOT_FOUND", message: "No route GET /no-such-route; see /docs." } });
    const missingAsset = await request(t.server.url, "GET", "/assets/missing.js");
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.body.error.code).toBe("NOT_FOUND");
  });

  it("never shadows the API's own paths, even for a browser", async () => {
    const health = await page("/healthz");
    expect(health.headers.get("content-type")).toMatch(/json/);
    expect(await health.json()).toEqual({ status: "ok" });
    const openapi = await page("/openapi.json");
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");
    // A browser GET of /graphql gets grafserv's answer, not the app.
    const graphqlPage = await page("/graphql");
    expect(await graphqlPage.text()).not.toBe(INDEX);
  });

  it("keeps Swagger UI's own CSP on /docs and Ruru on /graphiql", async () => {
    const docs = await page("/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    expect(csp(docs).get("style-src")).toBe("'self' 'unsafe-inline'");
    const ide = await page("/graphiql");
    expect(ide.status).toBe(200);
    const html = await ide.text();
    expect(html).not.toBe(INDEX);
    expect(html.toLowerCase()).toContain("ruru");
  });
});

describe("before the app is built", () => {
  const unbuilt = useTestServer({ overrides: { web: { dir: join(dir, "missing") } } });

  it("says how to build it, and the API still answers", async () => {
    const response = await fetch(`${unbuilt.server.url}/events/1`, { headers: { accept: NAVIGATION } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run web:build");
    const api = await request(unbuilt.server.url, "GET", "/events/1");
    expect(api.status).toBe(404);
  });
});
