// POST /password-reset, POST /password-reset/confirm, POST /me/password
// (src/auth/passwords.ts says what runs when, and why).
import express from "express";
import {
  CHANGE_PASSWORD_SQL,
  COUNT_RESET_REQUEST_SQL,
  RESET_PASSWORD_SQL,
  RESET_REQUESTED,
  refuseWrongPassword,
  sendResetLinkLater,
} from "../auth/passwords.ts";
import { startSession } from "../auth/sessions.ts";
import { USER_COLUMNS } from "./accounts.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseBody } from "./input.ts";
import { changePasswordRequest, passwordResetConfirmRequest, passwordResetRequest } from "./schemas.ts";

export function passwordRoutes({ pool, jwt, endedSessions, log }: RestDeps) {
  const router = express.Router();

  router.post("/password-reset", async (req, res) => {
    const { email } = parseBody(passwordResetRequest, req);
    await asCaller(pool, req, (db) => db.query(COUNT_RESET_REQUEST_SQL, [email])); // 429 past the limits
    res.once("finish", () => sendResetLinkLater(pool, email, log));
    res.status(202).json(RESET_REQUESTED);
  });

  router.post("/password-reset/confirm", async (req, res) => {
    const { token, password } = parseBody(passwordResetConfirmRequest, req);
    await asCaller(pool, req, (db) => db.query(RESET_PASSWORD_SQL, [token, password]));
    await endedSessions.caughtUp(); // every earlier session is refused here before we answer
    res.json({ reset: true, message: "Your password is changed and every device was signed out: sign in with the new one." });
  });

  router.post("/me/password", requireSignIn, async (req, res) => {
    const { current_password, new_password } = parseBody(changePasswordRequest, req);
    const signedIn = await asCaller(pool, req, async (db) => {
      const { rows } = await db.query<{ changed: boolean }>(CHANGE_PASSWORD_SQL, [current_password, new_password]);
      if (!rows[0]?.changed) return undefined; // committed: the failure stays recorded
      const { token } = await startSession(db, req.claims!, req.headers["user-agent"], jwt);
      const user = await db.query(`select ${USER_COLUMNS} from app_public.users where id = $1`, [req.claims!.user_id]);
      return { token, user: user.rows[0] };
    });
    refuseWrongPassword(signedIn !== undefined);
    await endedSessions.caughtUp();
    res.json(signedIn);
  });

  return router;
}
