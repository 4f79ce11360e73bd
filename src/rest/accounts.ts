// Signing up and signing in: both answer a token and the user.
import type { Claims } from "../auth/jwt.ts";
import { AUTHENTICATE_SQL, claimsOrInvalid, type AuthenticateRow } from "../auth/credentials.ts";
import { pgSettingsFor, type Identity } from "../auth/pg-settings.ts";
import { startSession } from "../auth/sessions.ts";
import { COUNT_SIGNUP_ATTEMPT_SQL } from "../auth/signup-attempts.ts";
import { withPgSettings } from "../db/with-settings.ts";
import { asCaller, type RestDeps } from "./context.ts";
import { ok, route } from "./route.ts";
import * as s from "./schemas.ts";

/** The account as REST shows it (the User schema). */
export const USER_COLUMNS = "id, name, email, role, email_verified";

/** A new session for the account, its token, and the account as its owner sees it. */
async function signedIn({ pool, jwt }: RestDeps, who: Identity, userAgent: unknown) {
  return withPgSettings(pool, pgSettingsFor(null), async (client) => {
    const { token } = await startSession(client, who, userAgent, jwt);
    const { rows } = await client.query(`select ${USER_COLUMNS} from app_public.users where id = $1`, [who.user_id]);
    return { token, user: rows[0] };
  });
}

export const accountRoutes = [
  route({
    method: "post", path: "/signup", summary: "Create a student account and sign in", tag: "Accounts", access: "anyone",
    body: s.signupRequest, responses: { 201: ok(s.authResponse, "Created and signed in") }, errors: [400, 409, 415, 429], codes: { 409: ["EMAIL_TAKEN"] },
    async handle({ req, res, deps, body: { name, email, password } }) {
      await asCaller(deps.pool, req, (db) => db.query(COUNT_SIGNUP_ATTEMPT_SQL)); // committed first: a refusal below still counts
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query<{ id: number; role: Claims["role"] }>(`select id, role from app_public.signup($1, $2, $3)`, [name, email, password]),
      );
      const account = rows[0]!;
      res.status(201).json(await signedIn(deps, { user_id: account.id, role: account.role }, req.headers["user-agent"]));
    },
  }),
  route({
    method: "post", path: "/login", summary: "Exchange an email and password for a token", tag: "Accounts", access: "anyone",
    body: s.loginRequest, responses: { 200: ok(s.authResponse, "Signed in") }, errors: [400, 401, 415, 429],
    codes: { 401: ["INVALID_CREDENTIALS"] },
    async handle({ req, res, deps, body: { email, password } }) {
      const row = await asCaller(deps.pool, req, async (db) => {
        const { rows } = await db.query<AuthenticateRow>(AUTHENTICATE_SQL, [email, password]);
        return rows[0];
      });
      const who = claimsOrInvalid(row); // after the commit: a failed attempt stays recorded
      res.json(await signedIn(deps, who, req.headers["user-agent"]));
    },
  }),
];
