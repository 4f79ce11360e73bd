// An event's image: PUT (admins; a club's event: its owners and managers) and GET
// (anyone). The upload is decoded and re-encoded here (src/images/event-image.ts)
// and stored by app_hidden.set_event_image (db/schema/images.sql), which decides
// who may; the event's image_url names the stored image by its etag.
import { appError } from "../errors.ts";
import { IMAGE_UPLOAD_TYPES, makeEventImage, MAX_IMAGE_BYTES } from "../images/event-image.ts";
import { asCaller } from "./context.ts";
import { route } from "./route.ts";
import * as s from "./schemas.ts";

/** An image URL names one image (its etag): cached for a year, and never revalidated. */
const IMMUTABLE = "public, max-age=31536000, immutable";

export const eventImageRoutes = [
  route({
    method: "put", path: "/events/{id}/image", id: "event",
    summary: "Set the event's image (admins; a club's event: its owners and managers): PNG, JPEG or WebP up to 5 MB, " +
      "decoded, cropped to 16:9 and re-encoded as WebP in two sizes (the card's and the page's); the event's image_url then names it",
    tag: "Events", access: "club-manager",
    upload: { mediaTypes: IMAGE_UPLOAD_TYPES, maxBytes: MAX_IMAGE_BYTES, unsupported: "UNSUPPORTED_MEDIA_TYPE:image", tooLarge: "PAYLOAD_TOO_LARGE:image" },
    responses: { 200: { description: "Set", schema: s.eventImageResponse } },
    errors: [400, 401, 403, 404, 409, 413, 415],
    codes: { 409: ["EVENT_CANCELLED"], 413: ["PAYLOAD_TOO_LARGE"], 415: ["UNSUPPORTED_MEDIA_TYPE", "IMAGE_INVALID"] },
    async handle({ req, res, deps, id }) {
      const upload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Decoded before the database is asked: a refused body costs no connection (the rights are asked with the write).
      const image = await makeEventImage(upload);
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query<{ image_url: string }>(
          "select app_hidden.set_event_image($1, $2, $3, $4, $5) as image_url",
          [id, image.etag, image.contentType, image.list, image.page],
        ),
      );
      res.json({ image_url: rows[0]!.image_url });
    },
  }),
  route({
    method: "get", path: "/events/{id}/image", id: "event",
    summary: "The event's image (WebP): size=page (default, 1280×720) or list (640×360). Its URL (image_url) names it, " +
      "so it is cached for good (ETag, Cache-Control immutable); without v, or with an old one, it is revalidated",
    tag: "Events", access: "anyone", query: s.eventImageQuery,
    // If-None-Match with its ETag answers 304 Not Modified, with no body.
    responses: { 200: { description: "The image", mediaType: "image/webp" } },
    errors: [400, 404], codes: { 404: ["NOT_FOUND"] },
    async handle({ req, res, deps, id, query: { size, v } }) {
      const { rows } = await asCaller(deps.pool, req, (db) =>
        db.query<{ etag: string; content_type: string; bytes: Buffer }>("select * from app_hidden.event_image($1, $2)", [id, size]),
      );
      const image = rows[0];
      if (!image) throw appError("NOT_FOUND:image");
      const etag = `"${image.etag}-${size}"`; // strong: these bytes, exactly
      res.setHeader("ETag", etag);
      res.setHeader("Cache-Control", v === image.etag ? IMMUTABLE : "public, max-age=60, must-revalidate");
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (req.headers["if-none-match"]?.split(",").some((tag) => tag.trim() === etag)) {
        res.status(304).end();
        return;
      }
      res.type(image.content_type).send(image.bytes);
    },
  }),
];
