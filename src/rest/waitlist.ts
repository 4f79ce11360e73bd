// Waitlist and door: POST /events/:id/waitlist, GET /me/waitlist, DELETE /waitlist/:id,
// POST /waitlist/:id/accept, POST /check-in, GET /categories
import express from "express";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseBody, parseId, parseQuery } from "./input.ts";
import { checkInRequest, myWaitlistQuery } from "./schemas.ts";
import { TICKET_COLUMNS } from "../booking/service.ts";

const ENTRY_COLUMNS = "w.id, w.event_id, w.user_id, w.status, app_public.waitlist_entries_position(w) as position, w.ticket_id, w.created_at";

export function waitlistRoutes({ pool }: RestDeps) {
  const router = express.Router();

  router.post("/events/:id/waitlist", requireSignIn, async (req, res) => {
    const eventId = parseId(req.params.id, "event");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${ENTRY_COLUMNS} from app_public.join_waitlist($1) w`, [eventId]),
    );
    res.status(201).json({ entry: rows[0] });
  });

  // A page at a time, as GET /me/tickets.
  router.get("/me/waitlist", requireSignIn, async (req, res) => {
    const { limit, offset } = parseQuery(myWaitlistQuery, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `select ${ENTRY_COLUMNS} from app_public.waitlist_entries w
         where w.user_id = app_public.current_user_id() order by w.id desc
         limit $1 offset $2`,
        [limit, offset],
      ),
    );
    res.json({ entries: rows, limit, offset });
  });

  router.delete("/waitlist/:id", requireSignIn, async (req, res) => {
    const entryId = parseId(req.params.id, "waitlist entry");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${ENTRY_COLUMNS} from app_public.leave_waitlist($1) w`, [entryId]),
    );
    res.json({ entry: rows[0] });
  });

  router.post("/waitlist/:id/accept", requireSignIn, async (req, res) => {
    const entryId = parseId(req.params.id, "waitlist entry");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${TICKET_COLUMNS} from app_public.accept_waitlist_offer($1)`, [entryId]),
    );
    res.json({ ticket: rows[0] });
  });

  router.post("/check-in", requireSignIn, async (req, res) => {
    const { code, event_id } = parseBody(checkInRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${TICKET_COLUMNS} from app_public.check_in($1, $2)`, [code, event_id]),
    );
    res.json({ ticket: rows[0] });
  });

  router.get("/categories", async (req, res) => {
    const { rows } = await asCaller(pool, req, (db) => db.query("select id, name from app_public.categories order by name"));
    res.json({ categories: rows });
  });

  return router;
}
