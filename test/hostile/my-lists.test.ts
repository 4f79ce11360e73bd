// A student's own lists come a page at a time: 3,000 cancelled tickets (a
// book/cancel loop) or 3,000 old waitlist entries used to make GET /me/tickets
// and GET /me/waitlist build one answer of them all (1 MB, in memory, per
// request). Now they page like GET /events: the same limit/offset bounds, the
// same answer shape. Against a production-mode server.
import { beforeAll, describe, expect, it } from "vitest";
import { request, useTestServer } from "../helpers/app.ts";
import { insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer({ production: true });
const COUNT = 3_000;
let token: string;

beforeAll(async () => {
  const student = await insertUser(t.db);
  token = tokenFor(student);
  const event = await insertEvent(t.db);
  // What a loop of booking and cancelling (and of joining and leaving a waitlist) leaves behind.
  await t.db.owner.query(
    `insert into app_public.tickets (event_id, user_id, status, booked_at, cancelled_at)
     select $1, $2, 'cancelled', now() - ($3 - n) * interval '1 second', now() from generate_series(1, $3) n`,
    [event.id, student.user_id, COUNT],
  );
  await t.db.owner.query(
    `insert into app_public.waitlist_entries (event_id, user_id, status) select $1, $2, 'left' from generate_series(1, $3)`,
    [event.id, student.user_id, COUNT],
  );
});

describe.each([
  ["/me/tickets", "tickets"],
  ["/me/waitlist", "entries"],
] as const)("GET %s", (path, key) => {
  it(`answers a page (50 by default, at most 100), not all ${COUNT.toLocaleString("en")}`, async () => {
    const response = await fetch(`${t.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    expect(response.status).toBe(200);
    const body = JSON.parse(text);
    expect(body[key]).toHaveLength(50);
    expect(body).toMatchObject({ limit: 50, offset: 0 });
    console.log(`${path}: ${COUNT.toLocaleString("en")} rows, default page ${text.length.toLocaleString("en")} bytes`);
    expect(text.length).toBeLessThan(40_000);

    for (const [query, field] of [["limit=101", "limit"], ["limit=0", "limit"], ["offset=-1", "offset"], ["offset=1000001", "offset"], ["page=2", "page"]]) {
      const refused = await request(t.server.url, "GET", `${path}?${query}`, { token });
      expect(refused.status, query).toBe(400);
      expect(refused.body.error, query).toMatchObject({ code: "INVALID_INPUT", field });
    }
  });

  it("walks every row once, newest first, page by page", async () => {
    const seen: { id: number }[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await request(t.server.url, "GET", `${path}?limit=100&offset=${offset}`, { token });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ limit: 100, offset });
      seen.push(...page.body[key]);
      if (page.body[key].length < 100) break;
    }
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen.map((row) => row.id)).size).toBe(COUNT);
    // Newest first: tickets by when they were booked, entries by when they were made (ids in order here).
    const ids = seen.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
