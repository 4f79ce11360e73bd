// Waitlist and door: join, your entries, leave, accept an offer; check-in; categories.
import { TICKET_COLUMNS } from "../booking/service.ts";
import { asCaller } from "./context.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

const ENTRY_COLUMNS = "w.id, w.event_id, w.user_id, w.status, app_public.waitlist_entries_position(w) as position, w.ticket_id, w.created_at";

export const waitlistRoutes = [
  route({
    method: "post", path: "/events/{id}/waitlist", id: "event", summary: "Join a sold-out event's waitlist", tag: "Waitlist",
    access: "student", refusal: "FORBIDDEN:waitlist", responses: { 201: ok(s.waitlistEntryResponse, "Joined") }, errors: [400, 401, 403, 404, 409],
    codes: { 403: ["FORBIDDEN", "EMAIL_NOT_VERIFIED"], 409: ["NOT_SOLD_OUT", "ALREADY_WAITING", "LIMIT_REACHED", "EVENT_CANCELLED", "EVENT_STARTED", "SALES_NOT_OPEN", "SALES_CLOSED"] },
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${ENTRY_COLUMNS} from app_public.join_waitlist($1) w`, [id]));
      res.status(201).json({ entry: rows[0] });
    },
  }),
  // A page at a time, as GET /me/tickets.
  route({
    method: "get", path: "/me/waitlist", summary: "Your waitlist entries, newest first, a page at a time", tag: "Waitlist",
    access: "signed-in", query: s.myWaitlistQuery, responses: { 200: ok(s.waitlistEntries) }, errors: [400, 401],
    async handle({ req, res, deps, query: { limit, offset } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(
          `select ${ENTRY_COLUMNS} from app_public.waitlist_entries w
           where w.user_id = app_public.current_user_id() order by w.id desc
           limit $1 offset $2`,
          [limit, offset],
        ),
      );
      res.json({ entries: rows, limit, offset });
    },
  }),
  route({
    method: "delete", path: "/waitlist/{id}", id: "waitlist entry", summary: "Leave a waitlist", tag: "Waitlist", access: "student",
    responses: { 200: ok(s.waitlistEntryResponse, "Left") }, errors: [400, 401, 403, 404, 409],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${ENTRY_COLUMNS} from app_public.leave_waitlist($1) w`, [id]));
      res.json({ entry: rows[0] });
    },
  }),
  route({
    method: "post", path: "/waitlist/{id}/accept", id: "waitlist entry", summary: "Take the seat you were offered", tag: "Waitlist", access: "student",
    responses: { 200: ok(s.ticketResponse, "Accepted") }, errors: [400, 401, 403, 404, 409],
    codes: { 403: ["EMAIL_NOT_VERIFIED"], 409: ["OFFER_NOT_AVAILABLE", "LIMIT_REACHED"] },
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${TICKET_COLUMNS} from app_public.accept_waitlist_offer($1)`, [id]));
      res.json({ ticket: rows[0] });
    },
  }),
  route({
    method: "post", path: "/check-in", summary: "Admit a ticket holder by code (admins; the staff of the event's club, door volunteers included)", tag: "Check-in",
    access: "club-staff", body: s.checkInRequest, responses: { 200: ok(s.checkInResponse, "Checked in: the ticket and its holder's name") },
    errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["WRONG_EVENT", "ALREADY_CHECKED_IN", "TICKET_NOT_VALID"] },
    async handle({ req, res, deps, body: { code, event_id } }) {
      // The holder's name, as the database shows it to the desk (tickets_holder_name): whoever
      // admits must be able to tell that the person in front of them holds the ticket.
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${TICKET_COLUMNS.replace(/(\w+)/g, "t.$1")}, app_public.tickets_holder_name(t) as holder_name
                  from app_public.check_in($1, $2) t`, [code, event_id]),
      );
      const { holder_name, ...ticket } = rows[0];
      res.json({ ticket, holder_name });
    },
  }),
  route({
    method: "get", path: "/categories", summary: "Kinds of events", tag: "Events", access: "anyone",
    responses: { 200: ok(s.categories) }, errors: [],
    async handle({ req, res, deps }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query("select id, name from app_public.categories order by name"));
      res.json({ categories: rows });
    },
  }),
];
