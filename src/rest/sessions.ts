// Sessions: signing out, listing them, ending one or all. Ending a session is
// the database's (app_public.logout, end_session, end_all_sessions); every
// instance refuses its token once the notification arrives
// (src/auth/ended-sessions.ts), this one before it answers.
import { asCaller } from "./context.ts";
import { done, ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const sessionRoutes = [
  route({
    method: "post", path: "/logout", summary: "Sign out: this token stops working on every instance", tag: "Sessions",
    access: "signed-in", responses: { 204: done("Signed out") }, errors: [401],
    async handle({ req, res, deps: { pool, endedSessions } }) {
      await asCaller(pool, req, (db) => db.query("select app_public.logout()"));
      await endedSessions.caughtUp();
      res.status(204).end();
    },
  }),
  route({
    method: "get", path: "/me/sessions", summary: "Your sessions that still work, newest first", tag: "Sessions",
    access: "signed-in", responses: { 200: ok(s.sessions) }, errors: [401],
    async handle({ req, res, deps }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query("select id, created_at, user_agent, current from app_public.my_sessions()"));
      res.json({ sessions: rows });
    },
  }),
  route({
    method: "delete", path: "/me/sessions/{id}", id: "session", summary: "End one of your sessions (another device)", tag: "Sessions",
    access: "signed-in", responses: { 204: done("Ended") }, errors: [400, 401, 404],
    async handle({ req, res, deps: { pool, endedSessions }, id }) {
      await asCaller(pool, req, (db) => db.query("select app_public.end_session($1)", [id]));
      await endedSessions.caughtUp();
      res.status(204).end();
    },
  }),
  route({
    method: "delete", path: "/me/sessions", summary: "Sign out everywhere, this session included", tag: "Sessions",
    access: "signed-in", responses: { 204: done("Every session ended") }, errors: [401],
    async handle({ req, res, deps: { pool, endedSessions } }) {
      await asCaller(pool, req, (db) => db.query("select app_public.end_all_sessions()"));
      await endedSessions.caughtUp();
      res.status(204).end();
    },
  }),
];
