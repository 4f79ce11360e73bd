import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * A gzip twin (name.js.gz) of every script and stylesheet the build writes:
 * the server sends it to browsers that accept gzip (src/http/web-app.ts), so
 * a student's first visit carries a third of the bytes and no request spends
 * CPU compressing. The files are content-hashed, so a twin never goes stale.
 */
function precompress(): Plugin {
  return {
    name: "ticketing:precompress",
    apply: "build",
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(options.dir!, file);
        const body = readFileSync(path);
        const gzipped = gzipSync(body, { level: 9 });
        // A tiny file can come out larger: it is then sent as it is.
        if (gzipped.length < body.length) writeFileSync(`${path}.gz`, gzipped);
      }
    },
  };
}

// The API server (npm start) listens on PORT (default 5678). In `vite dev` the
// app is served by Vite and every API path is proxied there, websockets too, so
// the browser sees one origin exactly as in production (the server serves dist/).
const api = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 5678}`;
const apiPaths = ["/graphql", "/payments", "/docs", "/openapi.json", "/graphiql", "/healthz", "/readyz", "/auth/oidc"];
// The REST routes share some paths with the app's pages (/events/1, /signup,
// /tickets): as the server does (src/http/web-app.ts), a browser's page load
// (text/html first) gets the app, any other request goes to the API.
const restPaths = ["/signup", "/login", "/logout", "/verify-email", "/password-reset", "/events", "/tickets", "/me", "/waitlist", "/check-in", "/categories", "/webhooks"];
const pageLoad = (req: { method?: string; headers: { accept?: string } }) =>
  req.method === "GET" && /^text\/html/.test(req.headers.accept ?? "") ? "/index.html" : undefined;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or styles (strict CSP without 'unsafe-inline').
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries([
      ...apiPaths.map((p) => [p, { target: api, ws: p === "/graphql", changeOrigin: false }]),
      ...restPaths.map((p) => [`^${p}(/|$)`, { target: api, changeOrigin: false, bypass: pageLoad }]),
    ]),
  },
});
