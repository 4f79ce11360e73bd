// Forgotten and changed passwords (src/auth/passwords.ts says what runs when, and why).
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
import { asCaller } from "./context.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const passwordRoutes = [
  route({
    method: "post", path: "/password-reset", summary: "Ask for a link to choose a new password (the same answer whether or not an account uses the email)",
    tag: "Accounts", access: "anyone", body: s.passwordResetRequest,
    responses: { 202: ok(s.accepted, "If an account uses the email, a link is on its way") }, errors: [400, 415, 429],
    async handle({ req, res, deps: { pool, log }, body: { email } }) {
      await asCaller(pool, req, (db) => db.query(COUNT_RESET_REQUEST_SQL, [email])); // 429 past the limits
      res.once("finish", () => sendResetLinkLater(pool, email, log));
      res.status(202).json(RESET_REQUESTED);
    },
  }),
  route({
    method: "post", path: "/password-reset/confirm", summary: "Choose a new password with the emailed token; every session of the account ends",
    tag: "Accounts", access: "anyone", body: s.passwordResetConfirmRequest, responses: { 200: ok(s.passwordReset, "Changed") },
    errors: [400, 415], codes: { 400: ["INVALID_TOKEN", "INVALID_INPUT"] },
    async handle({ req, res, deps: { pool, endedSessions }, body: { token, password } }) {
      await asCaller(pool, req, (db) => db.query(RESET_PASSWORD_SQL, [token, password]));
      await endedSessions.caughtUp(); // every earlier session is refused here before we answer
      res.json({ reset: true, message: "Your password is changed and every device was signed out: sign in with the new one." });
    },
  }),
  route({
    method: "post", path: "/me/password", summary: "Change your password: a fresh session; every other one ends", tag: "Accounts",
    access: "signed-in", body: s.changePasswordRequest, responses: { 200: ok(s.authResponse, "Changed, and signed in anew") },
    errors: [400, 401, 415, 429], codes: { 401: ["INVALID_CREDENTIALS", "UNAUTHENTICATED", "INVALID_TOKEN"] },
    async handle({ req, res, deps: { pool, jwt, endedSessions }, body: { current_password, new_password } }) {
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
    },
  }),
];
