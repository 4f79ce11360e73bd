// Event images in SQL, as the real roles: who may set one (set_event_image asks the
// club rule), that anyone may read one through the functions and nobody reads the
// table itself, and that the stored bytes are bounded whoever writes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims } from "../../src/auth/jwt.ts";
import { createTestDatabase, sqlFailure, type TestDatabase } from "../helpers/db.ts";
import { insertUser } from "../helpers/fixtures.ts";

let db: TestDatabase;
const actors: Record<string, Claims | null> = {};
let clubId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  clubId = (await db.owner.query("insert into app_public.clubs (name) values ('Photo Society') returning id")).rows[0].id;
  actors.anonymous = null;
  actors.student = await insertUser(db);
  actors.admin = await insertUser(db, "admin");
  for (const role of ["door", "manager", "owner"]) {
    actors[role] = await insertUser(db);
    await db.owner.query("insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, $3)", [clubId, actors[role]!.user_id, role]);
  }
});
afterAll(() => db?.drop());

const newEvent = async () =>
  (await db.owner.query(
    "insert into app_public.events (name, venue, starts_at, total_tickets, club_id) values ('Gallery night', 'Atrium', now() + interval '5 days', 30, $1) returning id",
    [clubId],
  )).rows[0].id as number;
const setImage = (claims: Claims | null, eventId: number) =>
  db.as(claims, async (c) =>
    (await c.query("select app_hidden.set_event_image($1, repeat('ab', 16), 'image/webp', '\\x0102'::bytea, '\\x0304'::bytea) as url", [eventId])).rows[0].url);

describe("who may set an event's image", () => {
  it.each(["anonymous", "student", "door", "manager", "owner", "admin"])("as %s", async (actor) => {
    const eventId = await newEvent();
    const outcome = await sqlFailure(setImage(actors[actor]!, eventId));
    if (["manager", "owner", "admin"].includes(actor)) {
      expect(outcome).toBeUndefined();
      expect(await db.as(null, async (c) => (await c.query("select app_hidden.event_image_url($1) as url", [eventId])).rows[0].url))
        .toBe(`/events/${eventId}/image?v=${"ab".repeat(16)}`);
    } else {
      expect(outcome).toMatchObject(actor === "anonymous" ? { code: "42501" } : { code: "TK403", detail: "FORBIDDEN" });
      expect((await db.owner.query("select count(*)::int as n from app_private.event_images where event_id = $1", [eventId])).rows[0].n).toBe(0);
    }
  });
});

describe("reading images", () => {
  it("anyone reads an image through the functions; no request role reads the table", async () => {
    const eventId = await newEvent();
    await setImage(actors.admin!, eventId);
    const list = await db.as(null, async (c) => (await c.query("select * from app_hidden.event_image($1, 'list')", [eventId])).rows[0]);
    expect(list).toEqual({ etag: "ab".repeat(16), content_type: "image/webp", bytes: Buffer.from([1, 2]) });
    for (const actor of ["anonymous", "manager", "admin"]) {
      expect(await sqlFailure(db.as(actors[actor]!, (c) => c.query("select * from app_private.event_images"))), actor).toMatchObject({ code: "42501" });
    }
  });

  it("bounds what is stored, whoever writes it", async () => {
    const eventId = await newEvent();
    const tooBig = await sqlFailure(db.owner.query(
      "insert into app_private.event_images (event_id, etag, content_type, list_image, page_image) values ($1, repeat('a', 32), 'image/webp', '\\x01', decode(repeat('00', 5000001), 'hex'))",
      [eventId]));
    expect(tooBig).toMatchObject({ code: "23514", constraint: "event_images_page_image_valid" });
    const svg = await sqlFailure(db.owner.query(
      "insert into app_private.event_images (event_id, etag, content_type, list_image, page_image) values ($1, repeat('a', 32), 'image/svg+xml', '\\x01', '\\x01')",
      [eventId]));
    expect(svg).toMatchObject({ code: "23514", constraint: "event_images_content_type_valid" });
  });
});
