// No page outside the CSP, against a production-mode server through HTTP:
// no GraphQL IDE (Ruru's shell is inline script), no page or file of ours that
// another site may frame, and of swagger-ui-dist only the two files /docs
// loads (its own index.html and oauth2-redirect.html run inline script).
// A stand-in web build (as in test/api/web-serving.test.ts) keeps this
// independent of `vite build`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/app.ts";

const dir = mkdtempSync(join(tmpdir(), "web-dist-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), '<!doctype html><html lang="en"><head><script type="module" src="/assets/app-abc123.js"></script></head><body></body></html>');
writeFileSync(join(dir, "assets", "app-abc123.js"), "console.log('app');");
writeFileSync(join(dir, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const t = useTestServer({ production: true, overrides: { web: { dir } } });

/** What Chromium sends when it navigates to a page. */
const NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

const get = (path: string, accept = NAVIGATION) => fetch(`${t.server.url}${path}`, { headers: { accept } });

function policy(response: Response): Map<string, string> {
  return new Map(
    (response.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(" ")]),
  );
}

describe("the GraphQL IDE", () => {
  it("is not served in production: a browser's GET of /graphql gets a JSON refusal, /graphiql and Ruru's files are not found", async () => {
    // A navigation also accepts */*: GET is then refused as a method (405); text/html alone is not acceptable (406).
    for (const [accept, status, code] of [[NAVIGATION, 405, "METHOD_NOT_ALLOWED"], ["text/html", 406, "NOT_ACCEPTABLE"]] as const) {
      const response = await get("/graphql", accept);
      expect(response.status, accept).toBe(status);
      expect(response.headers.get("content-type"), accept).toMatch(/json/);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code, accept).toBe(code);
    }
    for (const [path, accept] of [["/graphiql", NAVIGATION], ["/ruru-static/ruru.js", "*/*"]] as const) {
      const response = await get(path, accept);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toMatch(/json/);
      expect(await response.text(), path).not.toMatch(/<html|<script/i);
    }
  });
});

describe("every page and file", () => {
  const paths = [
    "/",
    "/events/1",
    "/favicon.svg",
    "/assets/app-abc123.js",
    "/docs",
    "/docs/init.js",
    "/docs/assets/swagger-ui.css",
    "/docs/assets/swagger-ui-bundle.js",
    "/openapi.json",
    "/graphql",
    "/graphiql",
    "/events",
    "/no-such-page",
    "/healthz",
  ];

  it("may never be framed by another site: frame-ancestors 'none' and X-Frame-Options DENY, for a browser and an API client alike", async () => {
    for (const accept of [NAVIGATION, "application/json"]) {
      for (const path of paths) {
        const response = await get(path, accept);
        await response.body?.cancel();
        expect(policy(response).get("frame-ancestors"), `${path} (${accept})`).toBe("'none'");
        expect(response.headers.get("x-frame-options"), `${path} (${accept})`).toBe("DENY");
      }
    }
  });

  it("runs only this server's scripts (no inline script), and nothing at all in a JSON answer", async () => {
    for (const path of paths) {
      const response = await get(path);
      await response.body?.cancel();
      const csp = policy(response);
      const scripts = csp.get("script-src") ?? csp.get("default-src");
      expect(scripts, path).toMatch(/^'(self|none)'$/);
      if (response.headers.get("content-type")?.includes("json")) expect(scripts, path).toBe("'none'");
    }
  });
});

describe("Swagger UI's files", () => {
  it("are the two /docs loads, and nothing else of swagger-ui-dist", async () => {
    const page = await (await get("/docs")).text();
    const loaded = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(loaded).toEqual(["/docs/assets/swagger-ui.css", "/docs/assets/swagger-ui-bundle.js", "/docs/init.js"]);
    for (const path of loaded) expect((await get(path, "*/*")).status, path).toBe(200);

    for (const file of ["index.html", "oauth2-redirect.html", "swagger-initializer.js", "index.js", "package.json", "swagger-ui.js", "swagger-ui-bundle.js.map", "..%2Fpackage.json"]) {
      const response = await get(`/docs/assets/${file}`);
      expect(response.status, file).toBe(404);
      expect(response.headers.get("content-type"), file).toMatch(/json/);
    }
  });
});
