// Each REST route's access (src/rest/routes.ts) is enforced by the router from
// the caller's token, before the request is read: anonymous callers get 401
// wherever a sign-in is needed (club routes too: a club role is a row the
// database reads, but it needs a signed-in caller), the other role gets 403 on
// student and admin routes, each refusal is documented, and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import { ERRORS } from "../../src/generated/vocabulary.ts";
import { ROUTES } from "../../src/rest/routes.ts";
import { request, useTestServer } from "../helpers/app.ts";
import { insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();
let studentToken: string;
let served: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  studentToken = tokenFor(await insertUser(t.db, "student"));
  served = (await request(t.server.url, "GET", "/openapi.json")).body.paths;
});

/** The routes this server has, with a path to call: ids 1, whatever they name. */
const callable = (access: string[]) =>
  ROUTES.filter((route) => access.includes(route.access) && served[route.path]?.[route.method]).map((route) => ({
    ...route,
    url: route.path.replace(/\{(\w+)\}/g, "1"),
  }));

describe("REST access", () => {
  it("refuses an anonymous caller with 401 UNAUTHENTICATED on every route that needs a sign-in", async () => {
    const routes = callable(["signed-in", "student", "admin", "club-owner", "club-manager", "club-staff"]);
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      const { status, body } = await request(t.server.url, route.method.toUpperCase(), route.url, route.body ? { body: {} } : {});
      expect([route.method, route.path, status, body.error?.code]).toEqual([route.method, route.path, 401, "UNAUTHENTICATED"]);
      expect(route.errors, `${route.method} ${route.path} documents its 401`).toContain(401);
    }
  });

  it("refuses the other role with 403 FORBIDDEN before reading the body: a student's bad club is not a 400", async () => {
    const cases = [
      ...callable(["admin"]).map((route) => ({ route, token: studentToken })),
      ...callable(["student"]).map((route) => ({ route, token: t.adminToken })),
    ];
    expect(cases.map(({ route }) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(["post /clubs", "post /events/{id}/book", "post /events/{id}/waitlist", "post /tickets/{id}/pay"]),
    );
    for (const { route, token } of cases) {
      const options = route.body ? { token, body: { name: "" } } : { token };
      const { status, body } = await request(t.server.url, route.method.toUpperCase(), route.url, options);
      expect([route.method, route.path, status, body.error?.code]).toEqual([route.method, route.path, 403, "FORBIDDEN"]);
      // In the words the database uses for the same refusal (booking: "Only students can book tickets.").
      expect(body.error.message).toBe(ERRORS[route.refusal ?? "FORBIDDEN"].message);
      expect(route.errors, `${route.method} ${route.path} documents its 403`).toContain(403);
    }
    const { rows } = await t.db.owner.query("select (select count(*) from app_public.clubs)::int as clubs, (select count(*) from app_public.tickets)::int as tickets");
    expect(rows[0]).toEqual({ clubs: 0, tickets: 0 });
  });

  it("leaves club roles to the database: a signed-in student who runs no club is refused by SQL, after the body is read", async () => {
    const invalid = await request(t.server.url, "POST", "/events", { token: studentToken, body: { name: "" } });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const valid = await request(t.server.url, "POST", "/events", { token: studentToken, body: { name: "Mine", venue: "Hall", datetime: soon, total_tickets: 5 } });
    expect([valid.status, valid.body.error.code, valid.body.error.message]).toEqual([403, "FORBIDDEN", ERRORS["FORBIDDEN:clubless_event"].message]);
  });
});
