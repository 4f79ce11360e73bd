// The web app (web/, built by Vite into web/dist) served at `/` beside the API:
// its hashed assets as static files, and index.html for any page a browser
// navigates to (client routes such as /events/1), so a reload or a shared link
// opens the app. API clients are unaffected: a request that does not ask for
// HTML first (fetch, curl, GraphQL clients) falls through to the API and its
// JSON answers (404 envelope included); the API's own paths are never shadowed.
// The pages carry helmet's security headers with a strict Content-Security-Policy
// (src/http/security-headers.ts).
import express, { type NextFunction, type Request, type Response } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pageSecurityHeaders } from "./security-headers.ts";

/** Where `vite build` writes the app (web/vite.config.ts `build.outDir`). */
export const defaultWebDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Paths that belong to the API even when a browser asks for them. */
const API_PATHS = /^\/(graphql|graphiql|openapi\.json|docs|healthz|readyz|webhooks|payments|auth\/oidc)(\/|$)|^\/events\/[^/]+\/calendar\.ics$/;

/** True for a page load: GET/HEAD that prefers HTML over JSON, outside the API's own paths. */
function wantsPage(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (API_PATHS.test(req.path)) return false;
  // A browser's navigation (text/html first) answers "html"; */* or no Accept answers "json".
  return req.accepts(["json", "html"]) === "html";
}

/**
 * A hashed script or stylesheet as the gzip twin the build wrote beside it
 * (name.js.gz, web/vite.config.ts) when the browser accepts gzip: about a
 * third of the bytes (a student's first visit: 97 KB of JavaScript instead of
 * 364 KB), with no CPU spent compressing per request. Without a twin, or for a
 * client that does not accept gzip, the file itself (express.static, next).
 */
function precompressed(assets: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // One file name, no directories: nothing outside assets/ can be named.
    const kind = /^\/[\w.-]+\.(js|css)$/.exec(req.path)?.[1];
    if (!kind) return next();
    // Either answer depends on Accept-Encoding: caches must keep them apart.
    res.vary("Accept-Encoding");
    if (req.acceptsEncodings("gzip", "identity") !== "gzip") return next();
    const twin = join(assets, `${req.path.slice(1)}.gz`);
    if (!existsSync(twin)) return next();
    res.type(kind);
    res.setHeader("Content-Encoding", "gzip");
    res.sendFile(twin, { immutable: true, maxAge: "365d" }, (error?: Error) => {
      if (error && !res.headersSent) {
        res.removeHeader("Content-Encoding");
        next();
      }
    });
  };
}

export interface WebAppOptions {
  /** The built app (index.html + assets/); default web/dist. */
  dir?: string;
}

/** Static assets and the app's index.html for page loads; mount after /graphql and before the REST routes. */
export function webApp(options: WebAppOptions = {}) {
  const dir = options.dir ?? defaultWebDir;
  const index = join(dir, "index.html");
  const router = express.Router();

  // Hashed file names under assets/ never change content: cache them for good.
  const forGood = { index: false, immutable: true, maxAge: "365d", fallthrough: true, redirect: false } as const;
  router.use("/assets", pageSecurityHeaders, precompressed(join(dir, "assets")), express.static(join(dir, "assets"), forGood));
  // Other files Vite copies from web/public (icons): no index, no directory listings.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATHS.test(req.path) || req.path === "/" || req.path === "/index.html") return next();
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    staticFiles(req, res, next);
  });
  const staticFiles = express.static(dir, { index: false, fallthrough: true, redirect: false, maxAge: "1h" });

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    pageSecurityHeaders(req, res, (error?: unknown) => {
      if (error) return next(error);
      // The page itself is never cached: a new build's asset names reach the browser at once.
      res.setHeader("Cache-Control", "no-cache");
      if (!existsSync(index)) {
        res
          .status(503)
          .type("html")
          .send(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Web app not built</title></head>' +
              "<body><h1>The web app has not been built yet</h1>" +
              "<p>Run <code>npm run web:build</code> (<code>npm start</code> does it for you), then reload.</p>" +
              '<p>The API is up: <a href="/graphql">/graphql</a>, <a href="/docs">/docs</a>.</p></body></html>',
          );
        return;
      }
      res.sendFile(index, (sendError?: Error) => {
        if (sendError && !res.headersSent) next(sendError);
      });
    });
  });
  return router;
}
