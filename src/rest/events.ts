// GET /events, GET /events/:id, GET /events/:id/status, POST /events, PATCH /events/:id
import express from "express";
import { AppError } from "../errors.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { createEventBody, eventListQuery, parseBody, parseId, updateEventBody } from "./input.ts";

const EVENT_COLUMNS = `id, name, description, venue, starts_at as datetime, total_tickets, tickets_remaining,
  max_tickets_per_student, category_id, price_cents, hold_minutes, created_at`;

const notFound = () => new AppError(404, "NOT_FOUND", "No such event.");

export function eventRoutes({ pool }: RestDeps) {
  const router = express.Router();

  router.get("/events", async (req, res) => {
    const { category_id, limit, offset } = parseBody(eventListQuery, req.query);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events($1) limit $2 offset $3`, [
        category_id ?? null,
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
        `select id as event_id, total_tickets, tickets_remaining, tickets_remaining = 0 as sold_out
         from app_public.events where id = $1`,
        [id],
      ),
    );
    if (!rows[0]) throw notFound();
    res.json(rows[0]);
  });

  router.post("/events", requireSignIn, async (req, res) => {
    const body = parseBody(createEventBody, req.body);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                        category_id, price_cents, hold_minutes)
         values ($1, coalesce($2, ''), $3, $4, $5, coalesce($6, 1), $7, coalesce($8, 0), coalesce($9, 10))
         returning ${EVENT_COLUMNS}`,
        [body.name, body.description, body.venue, body.datetime, body.total_tickets, body.max_tickets_per_student,
         body.category_id, body.price_cents, body.hold_minutes],
      ),
    );
    res.status(201).json({ event: rows[0] });
  });

  router.patch("/events/:id", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "event");
    const body = parseBody(updateEventBody, req.body);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(
        `update app_public.events set
           name = coalesce($2, name), description = coalesce($3, description), venue = coalesce($4, venue),
           starts_at = coalesce($5, starts_at), total_tickets = coalesce($6, total_tickets),
           max_tickets_per_student = coalesce($7, max_tickets_per_student), category_id = coalesce($8, category_id),
           price_cents = coalesce($9, price_cents), hold_minutes = coalesce($10, hold_minutes)
         where id = $1
         returning ${EVENT_COLUMNS}`,
        [id, body.name, body.description, body.venue, body.datetime, body.total_tickets, body.max_tickets_per_student,
         body.category_id, body.price_cents, body.hold_minutes],
      ),
    );
    if (!rows[0]) throw notFound();
    res.json({ event: rows[0] });
  });

  return router;
}
