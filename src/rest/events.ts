// Events: list, the organisers' list, read, create, change, cancel, seats left, the calendar file. Creating,
// changing and cancelling go through app_public.create_event / update_event / cancel_event,
// as GraphQL's do: who may (admins; a club's owners and managers for its events) is decided there.
import { eventCalendar } from "../calendar/ics.ts";
import { appError } from "../errors.ts";
import { asCaller } from "./context.ts";
import { byColumn, namedArguments, selectAs } from "./field-names.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

/** An event as REST answers it, from a row of app_public.events (or a function returning them). */
export const EVENT_COLUMNS = `${selectAs(["id", "name", "description", "venue", "starts_at", "total_tickets", "tickets_remaining",
  "max_tickets_per_student", "category_id", "price_cents", "hold_minutes", "sales_start", "sales_end", "created_at", "club_id"])},
  (select json_build_object('id', c.id, 'name', c.name) from app_public.clubs c where c.id = club_id) as club,
  status, cancelled_at, cancel_reason,
  ${selectAs(["release_mode", "queue_opens_at", "admission_minutes", "lottery_closes_at", "offer_minutes"])},
  app_hidden.event_image_url(id) as image_url`;

/** What a body may set (app_public.create_event's and update_event's arguments). */
const WRITABLE = ["name", "description", "venue", "starts_at", "total_tickets", "max_tickets_per_student", "category_id",
  "price_cents", "hold_minutes", "sales_start", "sales_end", "club_id", "release_mode", "queue_opens_at", "admission_minutes",
  "lottery_closes_at", "offer_minutes"] as const;

/** Optional fields a PATCH may clear with null (app_public.update_event's `clear`). */
const CLEARABLE = ["category_id", "sales_start", "sales_end", "club_id", "queue_opens_at", "lottery_closes_at"] as const;

const eventNotFound = () => appError("NOT_FOUND:event");

export const eventRoutes = [
  route({
    method: "get", path: "/events", summary: "Upcoming events, soonest first", tag: "Events", access: "anyone",
    query: s.eventListQuery, responses: { 200: ok(s.eventList) }, errors: [400],
    async handle({ req, res, deps, query: { category_id, club_id, limit, offset } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events($1, $2) limit $3 offset $4`, [
          category_id ?? null,
          club_id ?? null,
          limit,
          offset,
        ]),
      );
      res.json({ events: rows, limit, offset });
    },
  }),
  // The organisers' list: every event the caller runs, whatever became of it (app_public.managed_events, db/schema/events.sql).
  route({
    method: "get", path: "/me/events",
    summary: "The events you run, cancelled and past ones too, with where each stands (admins: every event; a club's owners and " +
      "managers: its events; its door staff: its events that are not cancelled; anyone else: none): upcoming soonest first, then past " +
      "and cancelled ones most recent first. A club_id you have no role in answers 403",
    tag: "Events", access: "signed-in", query: s.managedEventsQuery, responses: { 200: ok(s.managedEventList) }, errors: [400, 401, 403, 404],
    async handle({ req, res, deps, query: { club_id, phase, limit, offset } }) {
      const answer = await asCaller(deps.pool, req, async (db) => {
        const { rows } = await db.query(
          `select ${EVENT_COLUMNS}, app_public.events_phase(e) as phase, app_public.events_sales_state(e) as sales_state
           from app_public.managed_events($1, $2) e limit $3 offset $4`,
          [club_id ?? null, phase ?? null, limit, offset],
        );
        const phases = await db.query<{ phase: "upcoming" | "past" | "cancelled"; events: number }>(
          "select app_public.events_phase(e) as phase, count(*)::int as events from app_public.managed_events($1) e group by 1",
          [club_id ?? null],
        );
        return { rows, phases: phases.rows };
      });
      const counts = { upcoming: 0, past: 0, cancelled: 0 };
      for (const { phase: which, events } of answer.phases) counts[which] = events;
      const total = phase ? counts[phase] : counts.upcoming + counts.past + counts.cancelled;
      res.json({ events: answer.rows, counts, total, limit, offset });
    },
  }),
  route({
    method: "post", path: "/events", summary: "Create an event (admins; with club_id, the club's owners and managers)", tag: "Events",
    access: "club-manager", body: s.createEventRequest, responses: { 201: ok(s.eventResponse, "Created") }, errors: [400, 401, 403, 415],
    async handle({ req, res, deps, body }) {
      const args = namedArguments(byColumn(WRITABLE, body));
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${EVENT_COLUMNS} from app_public.create_event(${args.sql})`, args.values),
      );
      res.status(201).json({ event: rows[0] });
    },
  }),
  route({
    method: "get", path: "/events/{id}", id: "event", summary: "One event", tag: "Events", access: "anyone",
    responses: { 200: ok(s.eventResponse) }, errors: [400, 404],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${EVENT_COLUMNS} from app_public.events where id = $1`, [id]));
      if (!rows[0]) throw eventNotFound();
      res.json({ event: rows[0] });
    },
  }),
  route({
    method: "patch", path: "/events/{id}", id: "event",
    summary: "Change an event (admins; a club's event: its owners and managers); null clears an optional field. " +
      "A new datetime or venue emails every ticket holder once (the new time and the old one)", tag: "Events",
    access: "club-manager", body: s.updateEventRequest, responses: { 200: ok(s.eventResponse, "Changed") },
    errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["BELOW_SOLD", "EVENT_CANCELLED", "RELEASE_STARTED"] },
    async handle({ req, res, deps, id, body }) {
      const clear = CLEARABLE.filter((field) => body[field] === null);
      const args = namedArguments({ id, ...byColumn(WRITABLE, body), clear });
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${EVENT_COLUMNS} from app_public.update_event(${args.sql})`, args.values),
      );
      res.json({ event: rows[0] });
    },
  }),
  // For good: every ticket cancelled and refunded, holders told (app_public.cancel_event, db/schema/cancellation.sql).
  route({
    method: "post", path: "/events/{id}/cancel", id: "event",
    summary: "Call an event off, for good (admins; a club's event: its owners and managers): every ticket cancelled and every payment " +
      "refunded, the waitlist closed, holders and waiting students emailed once; bookings answer EVENT_CANCELLED from then on. " +
      "A second cancellation answers 409 ALREADY_CANCELLED (the event keeps its first reason)",
    tag: "Events", access: "club-manager", body: s.cancelEventRequest, responses: { 200: ok(s.eventResponse, "Cancelled") },
    errors: [400, 401, 403, 404, 409, 415, 503], codes: { 409: ["ALREADY_CANCELLED", "EVENT_STARTED"] },
    async handle({ req, res, deps, id, body }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${EVENT_COLUMNS} from app_public.cancel_event(event_id => $1, reason => $2)`, [id, body.reason]),
      );
      res.json({ event: rows[0] });
    },
  }),
  route({
    method: "get", path: "/events/{id}/status", id: "event", summary: "Seats left right now", tag: "Events", access: "anyone",
    responses: { 200: ok(s.eventStatus) }, errors: [400, 404],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(
          `select id as event_id, total_tickets, tickets_remaining, tickets_remaining = 0 as sold_out,
                  app_public.events_sales_state(e) as sales_state
           from app_public.events e where id = $1`,
          [id],
        ),
      );
      if (!rows[0]) throw eventNotFound();
      res.json(rows[0]);
    },
  }),
  // Anyone may add an event to a calendar; a cancelled one says so (STATUS:CANCELLED), so calendars that imported it update.
  route({
    method: "get", path: "/events/{id}/calendar.ics", id: "event", summary: "The event for your calendar (iCalendar, RFC 5545; times in UTC)",
    tag: "Events", access: "anyone",
    responses: { 200: { description: "text/calendar: one VEVENT with a stable UID", mediaType: "text/calendar" } }, errors: [400, 404],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query<{ id: number; name: string; description: string; venue: string; starts_at: Date; updated_at: Date; status: string }>(
          "select id, name, description, venue, starts_at, updated_at, status from app_public.events where id = $1",
          [id],
        ),
      );
      const event = rows[0];
      if (!event) throw eventNotFound();
      const ics = eventCalendar(
        { id: event.id, name: event.name, description: event.description, venue: event.venue, startsAt: event.starts_at, updatedAt: event.updated_at,
          cancelled: event.status === "cancelled" },
        deps.publicUrl(),
      );
      res
        .type("text/calendar; charset=utf-8")
        .setHeader("Content-Disposition", `attachment; filename="event-${event.id}.ics"`)
        .setHeader("Cache-Control", "no-cache")
        .send(ics);
    },
  }),
];
