// GET /healthz: the process is up. GET /readyz: can this instance serve? It
// asks the database on a pool of its own (one connection, one-second bounds),
// so it answers within about a second when the database is unreachable, and is
// not queued behind a busy booking pool; once the server is draining
// (SIGTERM), 503 at once so a load balancer stops sending.
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const healthRoutes = [
  route({
    method: "get", path: "/healthz", first: true, summary: "The process is up", tag: "Health", access: "anyone",
    responses: { 200: ok(s.health, "Up") }, errors: [],
    handle({ res }) {
      res.json({ status: "ok" });
    },
  }),
  route({
    method: "get", path: "/readyz", first: true, summary: "The database answers: this instance can serve", tag: "Health", access: "anyone",
    responses: { 200: ok(s.health, "Ready") }, errors: [503],
    async handle({ res, deps }) {
      const unavailable = (code: string, message: string) => {
        res.setHeader("Retry-After", "1");
        res.status(503).json({ error: { code, message } });
      };
      if (deps.draining()) return unavailable("SHUTTING_DOWN", "This instance is shutting down.");
      try {
        await deps.healthPool.query("select 1");
      } catch {
        return unavailable("DATABASE_UNAVAILABLE", "The database is not reachable.");
      }
      res.json({ status: "ok" });
    },
  }),
];
