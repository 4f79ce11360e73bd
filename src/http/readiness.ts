// GET /readyz: can this instance serve? It asks the database on a pool of its
// own (one connection, one-second bounds), so it answers within about a second
// when the database is unreachable, and is not queued behind a busy booking pool.
import type { RequestHandler } from "express";
import type pg from "pg";

export function readiness(healthPool: pg.Pool): RequestHandler {
  return async (_req, res) => {
    try {
      await healthPool.query("select 1");
      res.json({ status: "ok" });
    } catch {
      res.setHeader("Retry-After", "1");
      res.status(503).json({ error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable." } });
    }
  };
}
