// Everything stored about the caller, and closing the account
// (app_public.export_my_data, app_hidden.delete_account; without a password,
// app_public.request_account_closure and app_hidden.close_account_with_link).
import { CLOSE_ACCOUNT_WITH_LINK_SQL, DELETE_ACCOUNT_SQL, REQUEST_ACCOUNT_CLOSURE_SQL, refuseWrongPassword } from "../auth/passwords.ts";
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
    errors: [400, 401, 409, 415, 429],
    codes: { 401: ["INVALID_CREDENTIALS", "UNAUTHENTICATED", "INVALID_TOKEN"], 409: ["LAST_OWNER", "NO_PASSWORD"] },
    async handle({ req, res, deps: { pool, endedSessions }, body: { password } }) {
      const { rows } = await asCaller(pool, req, (db) => db.query<{ deleted: boolean }>(DELETE_ACCOUNT_SQL, [password]));
      refuseWrongPassword(rows[0]?.deleted, "password"); // after the commit: a wrong password stays recorded
      await endedSessions.caughtUp(); // this instance refuses the account's tokens before answering
      res.status(204).end();
    },
  }),
  route({
    method: "post", path: "/me/close-link",
    summary: "An account without a password (it signs in only with the college's account): mail a link that closes it to its verified address. " +
      "It works for an hour, opened while signed in to the account (POST /me/close). An account with a password is closed with it (409 PASSWORD_REQUIRED)",
    tag: "Accounts", access: "signed-in", responses: { 202: ok(s.accepted, "On its way") }, errors: [401, 403, 409, 429],
    codes: { 403: ["EMAIL_NOT_VERIFIED"], 409: ["PASSWORD_REQUIRED", "LAST_OWNER"] },
    async handle({ req, res, deps }) {
      await asCaller(deps.pool, req, (db) => db.query(REQUEST_ACCOUNT_CLOSURE_SQL));
      res.status(202).json({ accepted: true, message: "A link to close your account is on its way to your email address. It works for an hour." });
    },
  }),
  route({
    method: "post", path: "/me/close",
    summary: "Close your account with the token of the link POST /me/close-link mailed, as DELETE /me does with a password",
    tag: "Accounts", access: "signed-in", body: s.closeAccountRequest, responses: { 204: done("Closed") },
    errors: [400, 401, 409, 415], codes: { 400: ["INVALID_TOKEN", "INVALID_INPUT"], 409: ["LAST_OWNER", "PASSWORD_REQUIRED"] },
    async handle({ req, res, deps: { pool, endedSessions }, body: { token } }) {
      await asCaller(pool, req, (db) => db.query(CLOSE_ACCOUNT_WITH_LINK_SQL, [token]));
      await endedSessions.caughtUp(); // this instance refuses the account's tokens before answering
      res.status(204).end();
    },
  }),
];
