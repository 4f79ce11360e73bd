// Fair release over REST, thin routes over db/schema/queue.sql and lottery.sql:
// join, see and leave a queue; enter, see and claim a lottery; a queue's figures
// and either draw for those who run the event (the database decides who: the
// event's club's owners and managers, admins).
// Joining, entering or claiming again answers the same entry or ticket with 200
// (201 when it is new: sendNewOrSame).
import type { Response } from "express";
import type pg from "pg";
import { TICKET_COLUMNS } from "../booking/service.ts";
import { appError } from "../errors.ts";
import type { ReleaseMode } from "../generated/vocabulary.ts";
import { asCaller } from "./context.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

const QUEUE_ENTRY = "q.event_id, q.state, app_public.queue_entries_position(q) as position, q.admitted_until";
const LOTTERY_ENTRY = "l.event_id, l.state, l.draw_rank, l.offer_expires_at, l.ticket_id";
const STUDENT_403 = ["FORBIDDEN", "EMAIL_NOT_VERIFIED"];

/**
 * Columns of an event's release, for those who run it (admins; the owners and managers
 * of its club): 404 without the event, 403 for anyone else, 409 when it is released
 * another way. `columns` is read from the event `e`.
 */
async function readManagedRelease(db: pg.PoolClient, eventId: number, mode: "queue" | "lottery", columns: string) {
  const { rows } = await db.query(
    `select e.release_mode, app_hidden.may_manage_release(e.id) as allowed, ${columns} from app_public.events e where e.id = $1`,
    [eventId],
  );
  const row = rows[0];
  if (!row) throw appError("NOT_FOUND:event");
  if (!row.allowed) throw appError("FORBIDDEN:release");
  if (row.release_mode !== mode) throw appError(`WRONG_RELEASE_MODE:${row.release_mode as ReleaseMode}`, undefined, mode);
  const { release_mode: _mode, allowed: _allowed, ...read } = row;
  return read;
}

/** The draw of an event (the queue's shuffle or the lottery's draw), for those who run it: 404 before the draw. */
async function readDraw(db: pg.PoolClient, eventId: number, mode: "queue" | "lottery") {
  const { winners, ...draw } = await readManagedRelease(db, eventId, mode, `(app_public.events_${mode}_draw(e)).*`);
  if (!draw.seed) throw appError(`NOT_DRAWN:${mode}`);
  return mode === "lottery" ? { ...draw, winners } : draw;
}

/**
 * Answer an entry or ticket the caller asked for again with 200 and a new one with 201:
 * `row.new` says it was made in this transaction (its moment is the transaction's now()).
 */
function sendNewOrSame(res: Response, key: "entry" | "ticket", row: { new: boolean }) {
  const { new: created, ...answer } = row;
  res.status(created ? 201 : 200).json({ [key]: answer });
}

export const releaseRoutes = [
  route({
    method: "post", path: "/events/{id}/queue", id: "event", tag: "Fair release", access: "student", refusal: "FORBIDDEN:queue",
    summary: "Join a queue event's waiting room (verified students); joining again answers the same entry",
    responses: { 201: ok(s.queueEntryResponse, "Joined"), 200: ok(s.queueEntryResponse, "Already in the queue: your entry") },
    errors: [400, 401, 403, 404, 409, 429],
    codes: { 403: STUDENT_403, 409: ["WRONG_RELEASE_MODE", "QUEUE_NOT_OPEN", "SOLD_OUT", "LIMIT_REACHED", "EVENT_CANCELLED", "EVENT_STARTED", "SALES_CLOSED"], 429: ["TOO_MANY_ATTEMPTS"] },
    async handle({ req, res, deps, id }) {
      const row = await asCaller(deps.pool, req, async (db) =>
        (await db.query(`select ${QUEUE_ENTRY}, q.joined_at = now() as new from app_public.join_queue($1) q`, [id])).rows[0],
      );
      sendNewOrSame(res, "entry", row);
    },
  }),
  route({
    method: "get", path: "/events/{id}/queue/me", id: "event", tag: "Fair release", access: "student",
    summary: "Your entry in the queue: state, place in line, admitted until",
    responses: { 200: ok(s.queueEntryResponse) }, errors: [400, 401, 403, 404],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${QUEUE_ENTRY} from app_public.my_queue_entry($1) q where q.id is not null`, [id]),
      );
      if (!rows[0]) throw appError("NOT_FOUND:queue_entry");
      res.json({ entry: rows[0] });
    },
  }),
  route({
    method: "delete", path: "/events/{id}/queue/me", id: "event", tag: "Fair release", access: "student",
    summary: "Leave the queue; an admission you give up passes to the next in line",
    responses: { 200: ok(s.queueEntryResponse, "Left") }, errors: [400, 401, 403, 404, 503],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${QUEUE_ENTRY} from app_public.leave_queue($1) q`, [id]));
      res.json({ entry: rows[0] });
    },
  }),
  route({
    method: "get", path: "/events/{id}/queue", id: "event", tag: "Fair release", access: "club-manager",
    summary: "The queue in figures (admins; the owners and managers of the event's club)",
    responses: { 200: ok(s.queueStats) }, errors: [400, 401, 403, 404, 409], codes: { 409: ["WRONG_RELEASE_MODE"] },
    async handle({ req, res, deps, id }) {
      res.json(await asCaller(deps.pool, req, (db) => readManagedRelease(db, id, "queue", "(app_public.events_queue_stats(e)).*")));
    },
  }),
  route({
    method: "get", path: "/events/{id}/queue/draw", id: "event", tag: "Fair release", access: "club-manager",
    summary: "The shuffle at sales_start: seed, algorithm, entries and the order's hash, to recompute it",
    responses: { 200: ok(s.queueDraw) }, errors: [400, 401, 403, 404, 409], codes: { 404: ["NOT_FOUND", "NOT_DRAWN"], 409: ["WRONG_RELEASE_MODE"] },
    async handle({ req, res, deps, id }) {
      res.json(await asCaller(deps.pool, req, (db) => readDraw(db, id, "queue")));
    },
  }),
  route({
    method: "post", path: "/events/{id}/lottery", id: "event", tag: "Fair release", access: "student", refusal: "FORBIDDEN:lottery",
    summary: "Enter a lottery event's draw (verified students, before lottery_closes_at)",
    responses: { 201: ok(s.lotteryEntryResponse, "Entered"), 200: ok(s.lotteryEntryResponse, "Already entered: your entry") },
    errors: [400, 401, 403, 404, 409, 429],
    codes: { 403: STUDENT_403, 409: ["LOTTERY_CLOSED", "WRONG_RELEASE_MODE", "LIMIT_REACHED", "EVENT_CANCELLED", "EVENT_STARTED", "SALES_CLOSED"], 429: ["TOO_MANY_ATTEMPTS"] },
    async handle({ req, res, deps, id }) {
      const row = await asCaller(deps.pool, req, async (db) =>
        (await db.query(`select ${LOTTERY_ENTRY}, l.entered_at = now() as new from app_public.enter_lottery($1) l`, [id])).rows[0],
      );
      sendNewOrSame(res, "entry", row);
    },
  }),
  route({
    method: "get", path: "/events/{id}/lottery/me", id: "event", tag: "Fair release", access: "student",
    summary: "Your lottery entry: entered, won (claim before offer_expires_at), lost, claimed or expired",
    responses: { 200: ok(s.lotteryEntryResponse) }, errors: [400, 401, 403, 404],
    async handle({ req, res, deps, id }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query(`select ${LOTTERY_ENTRY} from app_public.my_lottery_entry($1) l where l.id is not null`, [id]),
      );
      if (!rows[0]) throw appError("NOT_FOUND:lottery_entry");
      res.json({ entry: rows[0] });
    },
  }),
  route({
    method: "post", path: "/events/{id}/lottery/me/claim", id: "event", tag: "Fair release", access: "student", refusal: "FORBIDDEN:claim",
    summary: "Take the seat you won (free: confirmed; paid: a hold to pay); again: the same ticket",
    responses: { 201: ok(s.ticketResponse, "Claimed"), 200: ok(s.ticketResponse, "Claimed already: your ticket") },
    errors: [400, 401, 403, 404, 409, 503],
    codes: { 403: STUDENT_403, 409: ["OFFER_EXPIRED", "NO_WIN", "EVENT_CANCELLED", "EVENT_STARTED", "SALES_CLOSED", "LIMIT_REACHED", "PAYMENTS_UNAVAILABLE", "SOLD_OUT"] },
    async handle({ req, res, deps, id }) {
      const row = await asCaller(deps.pool, req, async (db) =>
        (await db.query(`select ${TICKET_COLUMNS}, booked_at = now() as new from app_public.claim_lottery_win($1)`, [id])).rows[0],
      );
      sendNewOrSame(res, "ticket", row);
    },
  }),
  route({
    method: "get", path: "/events/{id}/lottery/draw", id: "event", tag: "Fair release", access: "club-manager",
    summary: "The lottery's draw: seed, algorithm, entries, winners and the order's hash, to recompute it",
    responses: { 200: ok(s.lotteryDraw) }, errors: [400, 401, 403, 404, 409], codes: { 404: ["NOT_FOUND", "NOT_DRAWN"], 409: ["WRONG_RELEASE_MODE"] },
    async handle({ req, res, deps, id }) {
      res.json(await asCaller(deps.pool, req, (db) => readDraw(db, id, "lottery")));
    },
  }),
];
