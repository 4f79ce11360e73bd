// POST /verify-email, POST /verify-email/resend: the link mailed at signup
// carries a one-time token; the database checks and uses it
// (app_public.verify_email) and mails new ones (resend_verification_email).
import express from "express";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseBody } from "./input.ts";
import { USER_COLUMNS } from "./accounts.ts";
import { verifyEmailRequest } from "./schemas.ts";

export function emailVerificationRoutes({ pool }: RestDeps) {
  const router = express.Router();

  router.post("/verify-email", async (req, res) => {
    const { token } = parseBody(verifyEmailRequest, req);
    const { rows } = await asCaller(pool, req, (db) => db.query(`select ${USER_COLUMNS} from app_public.verify_email($1)`, [token]));
    res.json({ user: rows[0] });
  });

  router.post("/verify-email/resend", requireSignIn, async (req, res) => {
    await asCaller(pool, req, (db) => db.query("select app_public.resend_verification_email()"));
    res.status(202).json({ accepted: true, message: "If your address is not verified yet, a new link is on its way." });
  });

  return router;
}
