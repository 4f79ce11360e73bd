// POST /signup, POST /login
import express from "express";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import { signToken } from "../auth/jwt.ts";
import { pgSettingsFor } from "../auth/pg-settings.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { asCaller, type RestDeps } from "./context.ts";
import { loginBody, parseBody, signupBody } from "./input.ts";

const USER_COLUMNS = "id, name, email, role";

export function accountRoutes({ pool, jwt }: RestDeps) {
  const router = express.Router();

  router.post("/signup", async (req, res) => {
    const { name, email, password } = parseBody(signupBody, req.body);
    const { rows } = await asCaller(pool, req, (db) =>
      db.query(`select ${USER_COLUMNS} from app_public.signup($1, $2, $3)`, [name, email, password]),
    );
    res.status(201).json({ user: rows[0] });
  });

  router.post("/login", async (req, res) => {
    const { email, password } = parseBody(loginBody, req.body);
    const row = await asCaller(pool, req, async (db) => {
      const { rows } = await db.query<AuthenticateRow>(AUTHENTICATE_SQL, [email, password]);
      return rows[0];
    });
    const claims = claimsOrInvalid(row); // after the commit: a failed attempt stays recorded
    // Read the account as the user who just proved who they are.
    const { rows } = await withPgSettings(pool, pgSettingsFor(claims), (db) =>
      db.query(`select ${USER_COLUMNS} from app_public.users where id = $1`, [claims.user_id]),
    );
    res.json({ token: signToken(claims, jwt), user: rows[0] });
  });

  return router;
}
