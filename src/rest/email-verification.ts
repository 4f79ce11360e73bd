// Verifying an email address: the link mailed at signup carries a one-time
// token; the database checks and uses it (app_public.verify_email) and mails
// new ones (resend_verification_email).
import { USER_COLUMNS } from "./accounts.ts";
import { asCaller } from "./context.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const emailVerificationRoutes = [
  route({
    method: "post", path: "/verify-email", summary: "Confirm your email address with the token from the emailed link", tag: "Accounts",
    access: "anyone", body: s.verifyEmailRequest, responses: { 200: ok(s.userResponse, "Verified") }, errors: [400, 415],
    codes: { 400: ["INVALID_TOKEN", "INVALID_INPUT"] },
    async handle({ req, res, deps, body: { token } }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query(`select ${USER_COLUMNS} from app_public.verify_email($1)`, [token]));
      res.json({ user: rows[0] });
    },
  }),
  route({
    method: "post", path: "/verify-email/resend", summary: "Mail a new verification link", tag: "Accounts", access: "signed-in",
    responses: { 202: ok(s.accepted, "On its way, unless the address is verified already") }, errors: [401, 429],
    async handle({ req, res, deps }) {
      await asCaller(deps.pool, req, (db) => db.query("select app_public.resend_verification_email()"));
      res.status(202).json({ accepted: true, message: "If your address is not verified yet, a new link is on its way." });
    },
  }),
];
