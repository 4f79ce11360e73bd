// The seed's REST API: thin routes over the same SQL functions and the same
// roles as GraphQL. Each route runs as the caller's database role.
import express, { type NextFunction, type Request, type Response } from "express";
import type pg from "pg";
import { signToken, type Claims, type JwtSettings } from "../auth/jwt.ts";
import { pgSettingsFor, type PgSettings } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { createEventBody, loginBody, parseBody, parseId, signupBody, updateEventBody } from "./input.ts";

const EVENT_COLUMNS = `id, name, description, venue, starts_at as datetime, total_tickets, tickets_remaining,
  max_tickets_per_student, created_at`;
const USER_COLUMNS = "id, name, email, role";

export interface RestDeps {
  pool: pg.Pool;
  jwt: JwtSettings;
  log: Logger;
}

export function restRouter({ pool, jwt, log }: RestDeps) {
  const router = express.Router();
  const asCaller = <T>(req: Request, work: (client: pg.PoolClient) => Promise<T>) =>
    withPgSettings(pool, pgSettingsFor(req.claims ?? null), work);
  const as = <T>(settings: PgSettings, work: (client: pg.PoolClient) => Promise<T>) =>
    withPgSettings(pool, settings, work);

  router.use(express.json({ limit: "64kb" }));
  const requireSignIn = (req: Request, _res: Response, next: NextFunction) => {
    if (!req.claims) throw new AppError(401, "UNAUTHENTICATED", "Sign in to do this.");
    next();
  };

  router.post("/signup", async (req, res) => {
    const { name, email, password } = parseBody(signupBody, req.body);
    const { rows } = await asCaller(req, (db) =>
      db.query(`select ${USER_COLUMNS} from app_public.signup($1, $2, $3)`, [name, email, password]),
    );
    res.status(201).json({ user: rows[0] });
  });

  router.post("/login", async (req, res) => {
    const { email, password } = parseBody(loginBody, req.body);
    const claims = await asCaller(req, async (db) => {
      const { rows } = await db.query("select user_id, role from app_public.authenticate($1, $2)", [email, password]);
      return rows[0] as Claims;
    });
    const { rows } = await as(pgSettingsFor(claims), (db) =>
      db.query(`select ${USER_COLUMNS} from app_public.users where id = $1`, [claims.user_id]),
    );
    res.json({ token: signToken(claims, jwt), user: rows[0] });
  });

  router.get("/events", async (req, res) => {
    const { rows } = await asCaller(req, (db) =>
      db.query(`select ${EVENT_COLUMNS} from app_public.upcoming_events()`),
    );
    res.json({ events: rows });
  });

  router.get("/events/:id", async (req, res) => {
    const id = parseId(String(req.params.id), "event");
    const { rows } = await asCaller(req, (db) =>
      db.query(`select ${EVENT_COLUMNS} from app_public.events where id = $1`, [id]),
    );
    if (!rows[0]) throw new AppError(404, "NOT_FOUND", "No such event.");
    res.json({ event: rows[0] });
  });

  router.post("/events", requireSignIn, async (req, res) => {
    const body = parseBody(createEventBody, req.body);
    const { rows } = await asCaller(req, (db) =>
      db.query(
        `insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student)
         values ($1, coalesce($2, ''), $3, $4, $5, coalesce($6, 1))
         returning ${EVENT_COLUMNS}`,
        [body.name, body.description, body.venue, body.datetime, body.total_tickets, body.max_tickets_per_student],
      ),
    );
    res.status(201).json({ event: rows[0] });
  });

  router.patch("/events/:id", requireSignIn, async (req, res) => {
    const id = parseId(String(req.params.id), "event");
    const body = parseBody(updateEventBody, req.body);
    const { rows } = await asCaller(req, (db) =>
      db.query(
        `update app_public.events set
           name = coalesce($2, name), description = coalesce($3, description), venue = coalesce($4, venue),
           starts_at = coalesce($5, starts_at), total_tickets = coalesce($6, total_tickets),
           max_tickets_per_student = coalesce($7, max_tickets_per_student)
         where id = $1
         returning ${EVENT_COLUMNS}`,
        [id, body.name, body.description, body.venue, body.datetime, body.total_tickets, body.max_tickets_per_student],
      ),
    );
    if (!rows[0]) throw new AppError(404, "NOT_FOUND", "No such event.");
    res.json({ event: rows[0] });
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = bodyParserError(error) ?? toAppError(error, req.claims?.role ?? "anonymous");
    if (appError) {
      const body = appError.toJSON();
      if (body.field === "starts_at") body.field = "datetime"; // the REST name of that column
      res.status(appError.status).json({ error: body });
      return;
    }
    log.error({ err: error, path: req.path }, "unexpected error");
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } });
  });

  return router;
}

function bodyParserError(error: unknown): AppError | undefined {
  const type = (error as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") return new AppError(400, "INVALID_INPUT", "The request body is not valid JSON.");
  if (type === "entity.too.large") return new AppError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
  return undefined;
}
