import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

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
  plugins: [react()],
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
