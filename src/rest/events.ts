// GET /events, GET /events/:id, GET /events/:id/status, POST /events, PATCH /events/:id.
// Creating and changing go through app_public.create_event / update_event, as GraphQL's do:
// who may (admins; a club's owners and managers for its events) is decided there.
import express from "express";
import { eventCalendar } from "../calendar/ics.ts";
import { AppError, appError } from "../errors.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseBody, parseId, parseQuery } from "./input.ts";
import { createEventRequest, eventListQuery, updateEventRequest } from "./schemas.ts";

/** An event as REST answers it, from a row of app_public.events (or a function returning them). */
export const EVENT_COLUMNS = `id, name, description, venue, starts_at as datetime, total_tickets, tickets_remaining,
  max_tickets_per_student, category_id, price_cents, hold_minutes, sales_start, sales_end, created_at, club_id,
  (select json_build_object('id', c.id, 'name', c.name) from app_public.clubs c where c.id = club_id) as club`;

/** Optional fields a PATCH may clear with null (app_public.update_event's `clear`). */
const CLEARABLE = ["category_id", "sales_start", "sales_end", "club_id"] as const;

const notFound = () => appError("NOT_FOUND:event");

export function eventRoutes({ pool, publicUrl }: RestDeps) {
  const router = express.Router();

  router.get("/events", async (req, res) => {
    const { category_id, club_id, limit, offset } = parseQuery(eventListQuery, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events($1, $2) limit $3 offset $4`, [
        category_id ?? null,
        club_id ?? null,
        limit,
        offset,
      ]),
    );
    res.json({ events: rows, limit, offset });
  });

  router.get("/events/:id", async (req, res) => {
    const id = parseId(req.params.id, "event");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${EVENT_COLUMNS} from app_public.events where id = $1`, [id]),
    );
    if (!rows[0]) throw notFound();
    res.json({ event: rows[0] });
  });

  router.get("/events/:id/status", async (req, res) => {
    const id = parseId(req.params.id, "event");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `select id as event_id, total_tickets, tickets_remaining, tickets_remaining = 0 as sold_out,
                app_public.events_sales_state(e) as sales_state
         from app_public.events e where id = $1`,
        [id],
      ),
    );
    if (!rows[0]) throw notFound();
    res.json(rows[0]);
  });

  // Anyone may add an event to a calendar; a cancelled one says so (STATUS:CANCELLED) once events can be.
  router.get("/events/:id/calendar.ics", async (req, res) => {
    const id = parseId(req.params.id, "event");
    const { rows } = await asCaller(pool, req, (db) =>
      db.query<{ id: number; name: string; description: string; venue: string; starts_at: Date; updated_at: Date }>(
        "select id, name, description, venue, starts_at, updated_at from app_public.events where id = $1",
        [id],
      ),
    );
    const event = rows[0];
    if (!event) throw notFound();
    const ics = eventCalendar(
      { id: event.id, name: event.name, description: event.description, venue: event.venue, startsAt: event.starts_at, updatedAt: event.updated_at },
      publicUrl(),
    );
    res
      .type("text/calendar; charset=utf-8")
      .setHeader("Content-Disposition", `attachment; filename="event-${event.id}.ics"`)
      .setHeader("Cache-Control", "no-cache")
      .send(ics);
  });

  router.post("/events", requireSignIn, async (req, res) => {
    const body = parseBody(createEventRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `select ${EVENT_COLUMNS} from app_public.create_event(
           name => $1, venue => $2, starts_at => $3, total_tickets => $4, description => $5,
           max_tickets_per_student => $6, category_id => $7, price_cents => $8, hold_minutes => $9,
           sales_start => $10, sales_end => $11, club_id => $12)`,
        [body.name, body.venue, body.datetime, body.total_tickets, body.description, body.max_tickets_per_student,
         body.category_id, body.price_cents, body.hold_minutes, body.sales_start, body.sales_end, body.club_id],
      ),
    );
    res.status(201).json({ event: rows[0] });
  });

  router.patch("/events/:id", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "event");
    const body = parseBody(updateEventRequest, req);
    const clear = CLEARABLE.filter((field) => body[field] === null);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `select ${EVENT_COLUMNS} from app_public.update_event(
           id => $1, name => $2, description => $3, venue => $4, starts_at => $5, total_tickets => $6,
           max_tickets_per_student => $7, category_id => $8, price_cents => $9, hold_minutes => $10,
           sales_start => $11, sales_end => $12, clear => $13, club_id => $14)`,
        [id, body.name, body.description, body.venue, body.datetime, body.total_tickets, body.max_tickets_per_student,
         body.category_id, body.price_cents, body.hold_minutes, body.sales_start, body.sales_end, clear, body.club_id],
      ),
    );
    res.json({ event: rows[0] });
  });

  return router;
}
