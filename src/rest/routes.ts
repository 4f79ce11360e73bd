// Every REST route, in the order the OpenAPI document lists them. Each entry
// (src/rest/route.ts) has its method, path, input schemas, access and handler;
// the router (src/rest/index.ts), its 404/405 answers, the refusal of a body
// sent to a route that takes none, and the OpenAPI document (src/rest/openapi.ts)
// are built from this table alone, so a route cannot exist undocumented (the
// contract test calls each one and checks the answer against the document).
//
// Adding a route:
//  1. In the module of its concern (events.ts, clubs.ts, …; a new concern gets
//     its own file exporting an array), write one entry:
//       route({
//         method: "post", path: "/events/{id}/thing", id: "event",  // {id} is parsed for you (400/404 "No such event.")
//         summary: "…", tag: "Events",                              // OpenAPI; tag one of openapi.ts's tags
//         access: "student",                                        // route.ts's Access: checked before the body is read
//         body: s.thingRequest, query: s.thingQuery,                // zod schemas from schemas.ts: parsed, 400 with the field
//         responses: { 201: ok(s.thingResponse, "Done") },          // success bodies; errors: every other status it answers
//         errors: [400, 401, 403, 404, 409, 415], codes: { 409: ["THING_TAKEN"] },
//         async handle({ req, res, deps, id, body, query }) {       // typed by the schemas above
//           const { rows } = await asCaller(deps.pool, req, (db) => db.query("select … from app_public.thing($1)", [id]));
//           res.status(201).json({ thing: rows[0] });
//         },
//       })
//  2. Add it to ROUTES below, where the document should list it.
//  3. Refusals come from SQL (app_private.fail) or appError(reason) (src/errors.ts): both from the error catalogue.
//     A role that is a row (a club's owner…) is decided in SQL: give such routes a club-* access (sign-in only).
//  4. Call it in test/api/openapi.test.ts (it fails for a documented route nobody calls, and for an
//     answer that does not match the document); test/api/rest-access.test.ts covers its access.
// Options: `only` (exists only when payments / mock / singleSignOn is configured), `ids` (other integer
// path parameters), `headers` (request headers it reads), `rawBody` (bytes, for signatures), `refusal`
// (the 403's catalogue reason on student/admin routes), `csv` / `mediaType` (answers that are not JSON).
import { accountDataRoutes } from "./account-data.ts";
import { accountRoutes } from "./accounts.ts";
import { attendeesRoute, clubRoutes } from "./clubs.ts";
import { emailVerificationRoutes } from "./email-verification.ts";
import { eventImageRoutes } from "./event-images.ts";
import { eventRoutes } from "./events.ts";
import { healthRoutes } from "./health.ts";
import { passwordRoutes } from "./passwords.ts";
import { mockCheckoutRoute, payRoute, webhookRoute } from "./payments.ts";
import type { Route, RouteOptions } from "./route.ts";
import { sessionRoutes } from "./sessions.ts";
import { singleSignOnRoutes } from "./single-sign-on.ts";
import { ticketRoutes } from "./tickets.ts";
import { releaseRoutes } from "./release.ts";
import { waitlistRoutes } from "./waitlist.ts";

export const ROUTES: readonly Route[] = [
  ...healthRoutes,
  ...accountRoutes,
  ...emailVerificationRoutes,
  ...passwordRoutes,
  ...accountDataRoutes,
  ...sessionRoutes,
  ...eventRoutes,
  ...eventImageRoutes,
  ...ticketRoutes,
  ...waitlistRoutes,
  ...releaseRoutes,
  attendeesRoute,
  ...clubRoutes,
  payRoute,
  ...singleSignOnRoutes,
  webhookRoute,
  mockCheckoutRoute,
];

/** The routes this server has, given what is configured. */
export function routesFor(options: RouteOptions): Route[] {
  return ROUTES.filter((route) => !route.only || options[route.only]);
}
