// Clubs, their members and the attendee list: GET/POST /clubs, GET/PATCH /clubs/:id,
// /clubs/:id/members…, GET /me/clubs, GET /events/:id/attendees (JSON or CSV).
// Thin: every right is decided in SQL (app_hidden.club_permits, db/schema/clubs.sql),
// as it is for GraphQL.
import express from "express";
import { appError } from "../errors.ts";
import { attendeesCsv } from "./attendees-csv.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { EVENT_COLUMNS } from "./events.ts";
import { parseBody, parseId, parseQuery } from "./input.ts";
import {
  addClubMemberRequest,
  attendeesQuery,
  clubListQuery,
  createClubRequest,
  updateClubMemberRequest,
  updateClubRequest,
} from "./schemas.ts";

const CLUB_COLUMNS = "id, name::text, description, created_at";
const MEMBER_COLUMNS = "user_id, name, email, role, status";
const ATTENDEE_COLUMNS = "a.ticket_id, a.user_id, a.name, a.email, a.status, a.booked_at, a.checked_in_at";

const noClub = () => appError("NOT_FOUND:club");

export function clubRoutes({ pool }: RestDeps) {
  const router = express.Router();

  router.get("/clubs", async (req, res) => {
    const { limit, offset } = parseQuery(clubListQuery, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${CLUB_COLUMNS} from app_public.clubs order by name, id limit $1 offset $2`, [limit, offset]),
    );
    res.json({ clubs: rows, limit, offset });
  });

  router.post("/clubs", requireSignIn, async (req, res) => {
    const { name, description } = parseBody(createClubRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${CLUB_COLUMNS} from app_public.create_club($1, coalesce($2, ''))`, [name, description]),
    );
    res.status(201).json({ club: rows[0] });
  });

  router.get("/clubs/:id", async (req, res) => {
    const id = parseId(req.params.id, "club");
    const { club, events } = await asCaller(pool, req, async (db) => {
      const found = await db.query(`select ${CLUB_COLUMNS} from app_public.clubs where id = $1`, [id]);
      if (!found.rows[0]) throw noClub();
      // A club's upcoming events: bounded like a page of GET /events.
      const upcoming = await db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events(club_id => $1) limit 100`, [id]);
      return { club: found.rows[0], events: upcoming.rows };
    });
    res.json({ club, events });
  });

  router.patch("/clubs/:id", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    const { name, description } = parseBody(updateClubRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${CLUB_COLUMNS} from app_public.update_club($1, $2, $3)`, [id, name, description]),
    );
    res.json({ club: rows[0] });
  });

  router.get("/clubs/:id/members", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    const members = await asCaller(pool, req, async (db) => {
      const { rows } = await db.query(
        `select c.id, (select coalesce(json_agg(m), '[]') from (select ${MEMBER_COLUMNS} from app_public.clubs_members(c)) m) as members
         from app_public.clubs c where c.id = $1`,
        [id],
      );
      if (!rows[0]) throw noClub();
      return rows[0].members;
    });
    res.json({ members });
  });

  router.post("/clubs/:id/members", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    const { email, role } = parseBody(addClubMemberRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${MEMBER_COLUMNS} from app_public.add_club_member($1, $2, $3)`, [id, email, role]),
    );
    res.status(201).json({ member: rows[0] });
  });

  router.patch("/clubs/:id/members/:user_id", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    const userId = parseId(req.params.user_id, "member");
    const { role } = parseBody(updateClubMemberRequest, req);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${MEMBER_COLUMNS} from app_public.update_club_member($1, $2, $3)`, [id, userId, role]),
    );
    res.json({ member: rows[0] });
  });

  router.delete("/clubs/:id/members/:user_id", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    const userId = parseId(req.params.user_id, "member");
    await asCaller(pool, req, (db) => db.query("select app_public.remove_club_member($1, $2)", [id, userId]));
    res.status(204).end();
  });

  router.delete("/clubs/:id/invitations/:email", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "club");
    await asCaller(pool, req, (db) => db.query("select app_public.cancel_club_invitation($1, $2)", [id, req.params.email]));
    res.status(204).end();
  });

  router.get("/me/clubs", requireSignIn, async (req, res) => {
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${CLUB_COLUMNS}, app_public.clubs_my_role(c) as role from app_public.my_clubs() c`),
    );
    res.json({ clubs: rows });
  });

  // JSON a page at a time; `Accept: text/csv` answers the whole list as a spreadsheet.
  router.get("/events/:id/attendees", requireSignIn, async (req, res) => {
    const id = parseId(req.params.id, "event");
    const csv = req.accepts(["application/json", "text/csv"]) === "text/csv";
    const { limit, offset } = parseQuery(attendeesQuery, req);
    const answer = await asCaller(pool, req, async (db) => {
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
  });

  return router;
}
