// Everything stored about the caller, and closing the account
// (app_public.export_my_data, app_hidden.delete_account).
import { DELETE_ACCOUNT_SQL, refuseWrongPassword } from "../auth/passwords.ts";
import { asCaller } from "./context.ts";
import { done, ok, route } from "./route.ts";
import * as s from "./schemas.ts";

export const accountDataRoutes = [
  route({
    method: "get", path: "/me/export", summary: "Everything stored about you, as one JSON document", tag: "Accounts",
    access: "signed-in", responses: { 200: ok(s.myData) }, errors: [401],
    async handle({ req, res, deps }) {
      const { rows } = await asCaller(deps.pool, req, (db) => db.query("select app_public.export_my_data() as document"));
      res.setHeader("Content-Disposition", 'attachment; filename="my-campus-tickets-data.json"');
      res.json(rows[0].document);
    },
  }),
  route({
    method: "delete", path: "/me",
    summary: "Close your account: tickets to future events cancelled, places in queues and lotteries given up, club roles ended, " +
      "name and email erased, every session ended. The only owner of a club is refused (409 LAST_OWNER, naming the club) until someone else owns it",
    tag: "Accounts", access: "signed-in", body: s.deleteAccountRequest, responses: { 204: done("Closed") },
    errors: [400, 401, 409, 415, 429], codes: { 401: ["INVALID_CREDENTIALS", "UNAUTHENTICATED", "INVALID_TOKEN"], 409: ["LAST_OWNER"] },
    async handle({ req, res, deps: { pool, endedSessions }, body: { password } }) {
      const { rows } = await asCaller(pool, req, (db) => db.query<{ deleted: boolean }>(DELETE_ACCOUNT_SQL, [password]));
      refuseWrongPassword(rows[0]?.deleted, "password"); // after the commit: a wrong password stays recorded
      await endedSessions.caughtUp(); // this instance refuses the account's tokens before answering
      res.status(204).end();
    },
  }),
];
