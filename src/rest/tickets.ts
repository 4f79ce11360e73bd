// POST /events/:id/book, DELETE /tickets/:id, GET /me/tickets
import express from "express";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { TICKET_COLUMNS } from "../booking/service.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseId, parseQuery } from "./input.ts";
import { myTicketsQuery } from "./schemas.ts";

export function ticketRoutes({ pool, booking }: RestDeps) {
  const router = express.Router();

  router.post("/events/:id/book", requireSignIn, async (req, res) => {
    const eventId = parseId(req.params.id, "event");
    const key = req.header("idempotency-key") ?? null; // validated by the database, as GraphQL's is
    const { ticket, replayed } = await booking.book(pgSettingsFor(req.claims!), eventId, key);
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(201).json({ ticket });
  });

  router.delete("/tickets/:id", requireSignIn, async (req, res) => {
    const ticketId = parseId(req.params.id, "ticket");
    res.json({ ticket: await booking.cancel(pgSettingsFor(req.claims!), ticketId) });
  });

  // A page at a time (as GET /events): a student with thousands of cancelled tickets
  // must not make one answer of them all.
  router.get("/me/tickets", requireSignIn, async (req, res) => {
    const { limit, offset } = parseQuery(myTicketsQuery, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `select ${TICKET_COLUMNS.replace(/(\w+)/g, "t.$1")},
                json_build_object('id', e.id, 'name', e.name, 'venue', e.venue,
                  -- inside JSON a timestamptz would be text in the session's zone: written as Date.toJSON writes
                  'datetime', to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as event
         from app_public.my_tickets() t join app_public.events e on e.id = t.event_id
         order by t.booked_at desc, t.id desc
         limit $1 offset $2`,
        [limit, offset],
      ),
    );
    res.json({ tickets: rows, limit, offset });
  });

  return router;
}
