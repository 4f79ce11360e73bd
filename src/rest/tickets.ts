// Booking, cancelling, your tickets.
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { TICKET_COLUMNS } from "../booking/service.ts";
import { asCaller } from "./context.ts";
import { restName } from "./field-names.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

const BOOKING_REFUSALS_403 = ["FORBIDDEN", "EMAIL_NOT_VERIFIED"];
const BOOKING_REFUSALS = ["SOLD_OUT", "LIMIT_REACHED", "EVENT_CANCELLED", "EVENT_STARTED", "SALES_NOT_OPEN", "SALES_CLOSED", "PAYMENTS_UNAVAILABLE"];

export const ticketRoutes = [
  route({
    method: "post", path: "/events/{id}/book", id: "event", summary: "Book a ticket (free: confirmed; paid: held until paid)", tag: "Tickets",
    access: "student", refusal: "FORBIDDEN:booking",
    headers: [{ name: "Idempotency-Key", description: "Repeat a booking safely: the same key answers the same ticket (Idempotent-Replayed: true)" }],
    responses: { 201: ok(s.ticketResponse, "Booked") }, errors: [400, 401, 403, 404, 409, 429, 503],
    codes: { 403: BOOKING_REFUSALS_403, 409: BOOKING_REFUSALS, 429: ["TOO_MANY_BOOKINGS"] },
    async handle({ req, res, deps, id }) {
      const key = req.header("idempotency-key") ?? null; // validated by the database, as GraphQL's is
      const { ticket, replayed } = await deps.booking.book(pgSettingsFor(req.claims!), id, key);
      if (replayed) res.setHeader("Idempotent-Replayed", "true");
      res.status(201).json({ ticket });
    },
  }),
  route({
    // Its owner, or an admin (any ticket): app_public.cancel_ticket decides.
    method: "delete", path: "/tickets/{id}", id: "ticket", summary: "Cancel your ticket; the seat goes back on sale", tag: "Tickets",
    access: "signed-in", responses: { 200: ok(s.ticketResponse, "Cancelled") }, errors: [400, 401, 404, 409, 503],
    codes: { 409: ["ALREADY_CANCELLED", "TICKET_EXPIRED", "ALREADY_CHECKED_IN", "EVENT_STARTED"] },
    async handle({ req, res, deps, id }) {
      res.json({ ticket: await deps.booking.cancel(pgSettingsFor(req.claims!), id) });
    },
  }),
  // A page at a time (as GET /events): a student with thousands of cancelled tickets
  // must not make one answer of them all.
  route({
    method: "get", path: "/me/tickets", summary: "Your tickets with their events, newest first, a page at a time", tag: "Tickets",
    access: "signed-in", query: s.myTicketsQuery, responses: { 200: ok(s.myTickets) }, errors: [400, 401],
    async handle({ req, res, deps, query: { limit, offset } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(
          `select ${TICKET_COLUMNS.replace(/(\w+)/g, "t.$1")},
                  json_build_object('id', e.id, 'name', e.name, 'venue', e.venue,
                    -- inside JSON a timestamptz would be text in the session's zone: written as Date.toJSON writes
                    '${restName("starts_at")}', to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                    'status', e.status, 'cancel_reason', e.cancel_reason) as event
           from app_public.my_tickets() t join app_public.events e on e.id = t.event_id
           order by t.booked_at desc, t.id desc
           limit $1 offset $2`,
          [limit, offset],
        ),
      );
      res.json({ tickets: rows, limit, offset });
    },
  }),
];
