// Sessions: POST /logout, GET /me/sessions, DELETE /me/sessions/:id, DELETE /me/sessions.
// Ending a session is the database's (app_public.logout, end_session,
// end_all_sessions); every instance refuses its token once the notification
// arrives (src/auth/ended-sessions.ts), this one before it answers.
import express from "express";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseId } from "./input.ts";

export function sessionRoutes({ pool, endedSessions }: RestDeps) {
  const router = express.Router();

  router.post("/logout", requireSignIn, async (req, res) => {
    await asCaller(pool, req, (db) => db.query("select app_public.logout()"));
    await endedSessions.caughtUp();
    res.status(204).end();
  });

  router.get("/me/sessions", requireSignIn, async (req, res) => {
    const { rows } = await asCaller(pool, req, (db) =>
      db.query("select id, created_at, user_agent, current from app_public.my_sessions()"),
    );
    res.json({ sessions: rows });
  });

  router.delete("/me/sessions/:id", requireSignIn, async (req, res) => {
    const sessionId = parseId(req.params.id, "session");
    await asCaller(pool, req, (db) => db.query("select app_public.end_session($1)", [sessionId]));
    await endedSessions.caughtUp();
    res.status(204).end();
  });

  router.delete("/me/sessions", requireSignIn, async (req, res) => {
    await asCaller(pool, req, (db) => db.query("select app_public.end_all_sessions()"));
    await endedSessions.caughtUp();
    res.status(204).end();
  });

  return router;
}
