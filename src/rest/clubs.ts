// Clubs, their members and the attendee list: GET/POST /clubs, GET/PATCH /clubs/{id},
// /clubs/{id}/members…, GET /me/clubs, GET /events/{id}/attendees (JSON or CSV).
// Thin: every right is decided in SQL (app_hidden.club_permits, db/schema/clubs.sql),
// as it is for GraphQL; the router only asks for a sign-in (the club-* access).
import { appError } from "../errors.ts";
import { attendeesCsv } from "./attendees-csv.ts";
import { asCaller } from "./context.ts";
import { EVENT_COLUMNS } from "./events.ts";
import { done, ok, route } from "./route.ts";
import * as s from "./schemas.ts";

const CLUB_COLUMNS = "id, name::text, description, created_at";
const MEMBER_COLUMNS = "user_id, name, email, role, status";
const ATTENDEE_COLUMNS = "a.ticket_id, a.user_id, a.name, a.email, a.status, a.booked_at, a.checked_in_at";

const clubNotFound = () => appError("NOT_FOUND:club");

/**
 * The attendee list: a route of its own because routes.ts lists it just before the club
 * routes (the OpenAPI document keeps the order of that list).
 */
export const attendeesRoute = route({
  method: "get", path: "/events/{id}/attendees", id: "event",
  summary: "Who holds a ticket (expired holds left out), by name, a page at a time; Accept: text/csv for all of them as a spreadsheet",
  tag: "Clubs", access: "club-manager", query: s.attendeesQuery, responses: { 200: ok(s.attendees) }, errors: [400, 401, 403, 404],
  csv: "Every attendee: UTF-8 with a byte order mark, a header row (Name, Email, Ticket, Status, Booked at (UTC), Checked in at (UTC)), every field quoted, CRLF line ends",
  // JSON a page at a time; `Accept: text/csv` answers the whole list as a spreadsheet.
  async handle({ req, res, deps, id, query: { limit, offset } }) {
    const csv = req.accepts(["application/json", "text/csv"]) === "text/csv";
    const answer = await asCaller(deps.pool, req, async (db) => {
      const event = await db.query("select id from app_public.events where id = $1", [id]);
      if (!event.rows[0]) throw appError("NOT_FOUND:event");
      const from = "from app_public.events e, app_public.events_attendees(e) a where e.id = $1";
      if (csv) return { rows: (await db.query(`select ${ATTENDEE_COLUMNS} ${from}`, [id])).rows, total: 0 };
      const { rows } = await db.query(`select ${ATTENDEE_COLUMNS} ${from} limit $2 offset $3`, [id, limit, offset]);
      const count = await db.query(`select count(*)::int as total ${from}`, [id]);
      return { rows, total: count.rows[0].total as number };
    });
    if (csv) {
      res.type("text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="event-${id}-attendees.csv"`);
      res.send(attendeesCsv(answer.rows));
      return;
    }
    res.json({ attendees: answer.rows, total: answer.total, limit, offset });
  },
});

export const clubRoutes = [
  route({
    method: "get", path: "/clubs", summary: "Every club, by name, a page at a time", tag: "Clubs", access: "anyone",
    query: s.clubListQuery, responses: { 200: ok(s.clubList) }, errors: [400],
    async handle({ req, res, deps, query: { limit, offset } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${CLUB_COLUMNS} from app_public.clubs order by name, id limit $1 offset $2`, [limit, offset]),
      );
      res.json({ clubs: rows, limit, offset });
    },
  }),
  route({
    method: "post", path: "/clubs", summary: "Create a club (admins)", tag: "Clubs", access: "admin", body: s.createClubRequest,
    responses: { 201: ok(s.clubResponse, "Created") }, errors: [400, 401, 403, 409, 415], codes: { 409: ["CLUB_NAME_TAKEN"] },
    async handle({ req, res, deps, body: { name, description } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${CLUB_COLUMNS} from app_public.create_club($1, coalesce($2, ''))`, [name, description]),
      );
      res.status(201).json({ club: rows[0] });
    },
  }),
  route({
    method: "get", path: "/clubs/{id}", id: "club", summary: "A club's profile and its upcoming events", tag: "Clubs", access: "anyone",
    responses: { 200: ok(s.clubProfile) }, errors: [400, 404],
    async handle({ req, res, deps, id }) {
      const { club, events } = await asCaller(deps.pool, req, async (db) => {
        const found = await db.query(`select ${CLUB_COLUMNS} from app_public.clubs where id = $1`, [id]);
        if (!found.rows[0]) throw clubNotFound();
        // A club's upcoming events: bounded like a page of GET /events.
        const upcoming = await db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events(club_id => $1) limit 100`, [id]);
        return { club: found.rows[0], events: upcoming.rows };
      });
      res.json({ club, events });
    },
  }),
  route({
    method: "patch", path: "/clubs/{id}", id: "club", summary: "Change a club's name or description", tag: "Clubs", access: "club-owner",
    body: s.updateClubRequest, responses: { 200: ok(s.clubResponse, "Changed") }, errors: [400, 401, 403, 404, 409, 415],
    codes: { 409: ["CLUB_NAME_TAKEN"] },
    async handle({ req, res, deps, id, body: { name, description } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${CLUB_COLUMNS} from app_public.update_club($1, $2, $3)`, [id, name, description]),
      );
      res.json({ club: rows[0] });
    },
  }),
  route({
    method: "get", path: "/clubs/{id}/members", id: "club", summary: "The club's members and invited addresses, owners first", tag: "Clubs",
    access: "club-manager", responses: { 200: ok(s.clubMembers) }, errors: [400, 401, 403, 404],
    async handle({ req, res, deps, id }) {
      const members = await asCaller(deps.pool, req, async (db) => {
        const { rows } = await db.query(
          `select c.id, (select coalesce(json_agg(m), '[]') from (select ${MEMBER_COLUMNS} from app_public.clubs_members(c)) m) as members
           from app_public.clubs c where c.id = $1`,
          [id],
        );
        if (!rows[0]) throw clubNotFound();
        return rows[0].members;
      });
      res.json({ members });
    },
  }),
  route({
    method: "post", path: "/clubs/{id}/members", id: "club",
    summary: "Add a member by email: an account at once, an unknown address by an emailed invitation",
    tag: "Clubs", access: "club-owner", body: s.addClubMemberRequest, responses: { 201: ok(s.clubMemberResponse, "Added (active) or invited") },
    errors: [400, 401, 403, 404, 409, 415, 429],
    codes: { 400: ["INVALID_INPUT", "EMAIL_DOMAIN_NOT_ALLOWED"], 409: ["ALREADY_MEMBER", "ALREADY_INVITED", "TOO_MANY_INVITATIONS"], 429: ["TOO_MANY_ATTEMPTS"] },
    async handle({ req, res, deps, id, body: { email, role } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${MEMBER_COLUMNS} from app_public.add_club_member($1, $2, $3)`, [id, email, role]),
      );
      res.status(201).json({ member: rows[0] });
    },
  }),
  route({
    method: "patch", path: "/clubs/{id}/members/{user_id}", id: "club", ids: { user_id: "member" }, summary: "Change a member's role; the last owner stays an owner", tag: "Clubs",
    access: "club-owner", body: s.updateClubMemberRequest, responses: { 200: ok(s.clubMemberResponse, "Changed") },
    errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["LAST_OWNER"] },
    async handle({ req, res, deps, id, ids: { user_id }, body: { role } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${MEMBER_COLUMNS} from app_public.update_club_member($1, $2, $3)`, [id, user_id, role]),
      );
      res.json({ member: rows[0] });
    },
  }),
  route({
    method: "delete", path: "/clubs/{id}/members/{user_id}", id: "club", ids: { user_id: "member" },
    summary: "Remove a member: their next request has no rights in the club; the last owner stays",
    tag: "Clubs", access: "club-owner", responses: { 204: done("Removed") }, errors: [400, 401, 403, 404, 409], codes: { 409: ["LAST_OWNER"] },
    async handle({ req, res, deps, id, ids: { user_id } }) {
      await asCaller(deps.pool, req, (db) => db.query("select app_public.remove_club_member($1, $2)", [id, user_id]));
      res.status(204).end();
    },
  }),
  route({
    method: "delete", path: "/clubs/{id}/invitations/{email}", id: "club", summary: "Withdraw an invitation", tag: "Clubs", access: "club-owner",
    responses: { 204: done("Withdrawn") }, errors: [400, 401, 403, 404],
    async handle({ req, res, deps, id }) {
      await asCaller(deps.pool, req, (db) => db.query("select app_public.cancel_club_invitation($1, $2)", [id, req.params.email]));
      res.status(204).end();
    },
  }),
  route({
    method: "get", path: "/me/clubs", summary: "Your clubs and your role in each", tag: "Clubs", access: "signed-in",
    responses: { 200: ok(s.myClubs) }, errors: [401],
    async handle({ req, res, deps }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${CLUB_COLUMNS}, app_public.clubs_my_role(c) as role from app_public.my_clubs() c`),
      );
      res.json({ clubs: rows });
    },
  }),
];
