// GET /me/export, DELETE /me: everything stored about the caller, and closing
// the account (app_public.export_my_data, app_hidden.delete_account).
import express from "express";
import { DELETE_ACCOUNT_SQL, refuseWrongPassword } from "../auth/passwords.ts";
import { asCaller, requireSignIn, type RestDeps } from "./context.ts";
import { parseBody } from "./input.ts";
import { deleteAccountRequest } from "./schemas.ts";

export function accountDataRoutes({ pool, endedSessions }: RestDeps) {
  const router = express.Router();

  router.get("/me/export", requireSignIn, async (req, res) => {
    const { rows } = await asCaller(pool, req, (db) => db.query("select app_public.export_my_data() as document"));
    res.setHeader("Content-Disposition", 'attachment; filename="my-campus-tickets-data.json"');
    res.json(rows[0].document);
  });

  router.delete("/me", requireSignIn, async (req, res) => {
    const { password } = parseBody(deleteAccountRequest, req);
    const { rows } = await asCaller(pool, req, (db) => db.query<{ deleted: boolean }>(DELETE_ACCOUNT_SQL, [password]));
    refuseWrongPassword(rows[0]?.deleted, "password"); // after the commit: a wrong password stays recorded
    await endedSessions.caughtUp(); // this instance refuses the account's tokens before answering
    res.status(204).end();
  });

  return router;
}
