// POST /signup, POST /login: both answer a token and the user.
import express from "express";
import type pg from "pg";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import { COUNT_SIGNUP_ATTEMPT_SQL } from "../auth/signup-attempts.ts";
import type { Claims } from "../auth/jwt.ts";
import { pgSettingsFor, type Identity } from "../auth/pg-settings.ts";
import { startSession } from "../auth/sessions.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { asCaller, type RestDeps } from "./context.ts";
import { parseBody } from "./input.ts";
import { loginRequest, signupRequest } from "./schemas.ts";

/** The account as REST shows it (the User schema). */
export const USER_COLUMNS = "id, name, email, role, email_verified";

export function accountRoutes({ pool, jwt }: RestDeps) {
  const router = express.Router();

  /** A new session for the account, its token, and the account as its owner sees it. */
  async function signedIn(db: pg.Pool, who: Identity, userAgent: unknown) {
    return withPgSettings(db, pgSettingsFor(null), async (client) => {
      const { token } = await startSession(client, who, userAgent, jwt);
      const { rows } = await client.query(`select ${USER_COLUMNS} from app_public.users where id = $1`, [who.user_id]);
      return { token, user: rows[0] };
    });
  }

  router.post("/signup", async (req, res) => {
    const { name, email, password } = parseBody(signupRequest, req);
    await asCaller(pool, req, (db) => db.query(COUNT_SIGNUP_ATTEMPT_SQL)); // committed first: a refusal below still counts
    const { rows } = await asCaller(pool, req, (db) =>
      db.query<{ id: number; role: Claims["role"] }>(`select id, role from app_public.signup($1, $2, $3)`, [name, email, password]),
    );
    const account = rows[0]!;
    res.status(201).json(await signedIn(pool, { user_id: account.id, role: account.role }, req.headers["user-agent"]));
  });

  router.post("/login", async (req, res) => {
    const { email, password } = parseBody(loginRequest, req);
    const row = await asCaller(pool, req, async (db) => {
      const { rows } = await db.query<AuthenticateRow>(AUTHENTICATE_SQL, [email, password]);
      return rows[0];
    });
    const who = claimsOrInvalid(row); // after the commit: a failed attempt stays recorded
    res.json(await signedIn(pool, who, req.headers["user-agent"]));
  });

  return router;
}
