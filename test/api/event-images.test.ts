// Event images through REST: PUT /events/{id}/image (admins and the event's club
// owners and managers) decodes and re-encodes what was sent (nothing of it is
// served as it was), and GET /events/{id}/image serves the two sizes with a strong
// ETag and a long cache under the URL the event names. Refusals by content (415),
// size (413), media type (415) and role (401/403), and what a refusal leaves.
import { deflateSync, crc32 } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql, request, useTestServer } from "../helpers/app.ts";
import { clubEventWithMembers, insertEvent, insertUser, tokenFor } from "../helpers/fixtures.ts";

const t = useTestServer();
let photo: Buffer;

beforeAll(async () => {
  // A 4:3 photo with an EXIF comment and orientation (it must be turned upright and stripped).
  photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><rect width="400" height="300" fill="#1a4"/></svg>'), top: 100, left: 100 }])
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { ImageDescription: "secret location" } } })
    .toBuffer();
});

const put = (eventId: number, body: Buffer | string, token?: string, type = "image/jpeg") =>
  fetch(`${t.server.url}/events/${eventId}/image`, {
    method: "PUT",
    headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
const stored = async (eventId: number) =>
  (await t.db.owner.query("select count(*)::int as n from app_private.event_images where event_id = $1", [eventId])).rows[0].n as number;

const clubEvent = () => clubEventWithMembers(t.db, ["manager", "door"]);

/** A PNG whose header claims a 20,000 × 20,000 canvas (400 megapixels) in a few hundred bytes. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(60_001))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("PUT /events/{id}/image", () => {
  it("re-encodes the upload in two 16:9 WebP sizes, upright and without metadata, served under the event's image_url", async () => {
    const { event, manager } = await clubEvent();
    const { status, body } = await json(await put(event.id, photo, manager));
    expect(status).toBe(200);
    expect(body.image_url).toMatch(new RegExp(`^/events/${event.id}/image\\?v=[0-9a-f]{32}$`));
    const page = await request(t.server.url, "GET", `/events/${event.id}`);
    expect(page.body.event.image_url).toBe(body.image_url);
    const viaGraphql = await graphql(t.server.url, "query ($id: Int!) { eventById(id: $id) { imageUrl } }", { id: event.id });
    expect(viaGraphql.body.data.eventById.imageUrl).toBe(body.image_url);

    const served = await fetch(`${t.server.url}${body.image_url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = served.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}-page"$/); // strong (no W/)
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(photo)).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1280, height: 720 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const card = await fetch(`${t.server.url}${body.image_url}&size=list`);
    expect(await sharp(Buffer.from(await card.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 640, height: 360 });
    expect(card.headers.get("etag")).toMatch(/-list"$/);

    const again = await fetch(`${t.server.url}${body.image_url}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    // Without the version (or with an old one) it is revalidated, not kept for a year.
    const unversioned = await fetch(`${t.server.url}/events/${event.id}/image`);
    expect(unversioned.headers.get("cache-control")).toBe("public, max-age=60, must-revalidate");
  });

  it("a new image gets a new URL; PNG and WebP are taken as JPEG is", async () => {
    const { event, manager } = await clubEvent();
    const first = await json(await put(event.id, await sharp(photo).png().toBuffer(), manager, "image/png"));
    const second = await json(await put(event.id, await sharp(photo).flop().webp().toBuffer(), manager, "image/webp"));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.image_url).not.toBe(first.body.image_url);
    expect((await fetch(`${t.server.url}${first.body.image_url}`)).headers.get("cache-control")).toMatch(/must-revalidate/);
  });

  it("refuses what is not an image by its content, whatever its Content-Type, and anything too large, storing nothing", async () => {
    const { event, manager } = await clubEvent();
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==", "base64");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [body, type] of [["hello", "image/png"], [gif, "image/png"], [svg, "image/webp"], [photo.subarray(0, 2000), "image/jpeg"]] as const) {
      const refused = await json(await put(event.id, body, manager, type));
      expect(refused.status, `${type}: ${String(body).slice(0, 10)}`).toBe(415);
      expect(refused.body.error.code).toBe("IMAGE_INVALID");
    }
    const bomb = await json(await put(event.id, pngBomb(), manager, "image/png"));
    expect(bomb).toMatchObject({ status: 415, body: { error: { code: "IMAGE_INVALID", message: "The image is too large: at most 40 megapixels." } } });
    const wrongType = await json(await put(event.id, photo, manager, "text/plain"));
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: "UNSUPPORTED_MEDIA_TYPE" } } });
    const tooBig = await json(await put(event.id, Buffer.alloc(5 * 1024 * 1024 + 1), manager));
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE", message: "An event image may be at most 5 MB." } } });
    expect(await stored(event.id)).toBe(0);
    expect((await request(t.server.url, "GET", `/events/${event.id}`)).body.event.image_url).toBeNull();
    expect((await request(t.server.url, "GET", `/events/${event.id}/image`)).body.error.code).toBe("NOT_FOUND");
  });

  it("is for admins and the event's club owners and managers; not for a cancelled event", async () => {
    const { event, door } = await clubEvent();
    expect((await json(await put(event.id, photo))).status).toBe(401);
    expect((await json(await put(event.id, photo, door))).body.error.code).toBe("FORBIDDEN");
    expect((await json(await put(event.id, photo, tokenFor(await insertUser(t.db))))).status).toBe(403);
    expect(await stored(event.id)).toBe(0);
    expect((await json(await put(2_000_000_000, photo, t.adminToken))).status).toBe(404);
    expect((await json(await put(event.id, photo, t.adminToken))).status).toBe(200);

    await request(t.server.url, "POST", `/events/${event.id}/cancel`, { token: t.adminToken, body: { reason: "Rain" } });
    const cancelled = await json(await put(event.id, photo, t.adminToken));
    expect(cancelled).toMatchObject({ status: 409, body: { error: { code: "EVENT_CANCELLED" } } });
  });
});
