// An uploaded event image, made safe and small: decoded (so its content, not its
// Content-Type, says whether it is an image), turned upright by its EXIF
// orientation, cropped to the 16:9 frame the cards and the page show, and
// re-encoded as WebP in two sizes with no metadata (no location, no camera, no
// thumbnail from before an edit). Nothing the client sent is kept or served.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { appError } from "../errors.ts";

/** What a client may upload. */
export const IMAGE_UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
/** The largest upload (bytes): a phone photo fits, a camera's raw file does not. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/**
 * The most pixels decoded: a small file can claim a huge canvas (a "decompression
 * bomb"); 40 megapixels is more than a phone's camera and bounds the memory one
 * upload may take (about 160 MB while decoding).
 */
export const MAX_IMAGE_MEGAPIXELS = 40;

/** The two sizes: the event page's hero and the list's card (16:9, twice their CSS size for sharp screens). */
export const IMAGE_SIZES = { page: { width: 1280, height: 720 }, list: { width: 640, height: 360 } } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

export interface EventImage {
  /** A hash of both sizes' bytes: the image's identity in its URL and its ETag. */
  etag: string;
  contentType: "image/webp";
  page: Buffer;
  list: Buffer;
}

/** Decode, check and re-encode an upload; a body that is not a PNG, JPEG or WebP image is refused (415 IMAGE_INVALID). */
export async function makeEventImage(upload: Buffer): Promise<EventImage> {
  const input = sharp(upload, { limitInputPixels: MAX_IMAGE_MEGAPIXELS * 1_000_000, failOn: "error" });
  let format: string | undefined;
  try {
    ({ format } = await input.metadata());
  } catch (error) {
    throw refusal(error);
  }
  // By content: a GIF, an SVG (scripts), a TIFF or a PDF sent as image/png is still refused.
  if (format !== "png" && format !== "jpeg" && format !== "webp") throw appError("IMAGE_INVALID");
  try {
    const [page, list] = await Promise.all(
      (["page", "list"] as const).map((size) =>
        input
          .clone()
          .rotate() // upright, by EXIF orientation (metadata is not copied to the output)
          .resize({ ...IMAGE_SIZES[size], fit: "cover", position: "attention" })
          .webp({ quality: size === "page" ? 80 : 75 })
          .toBuffer(),
      ),
    );
    const etag = createHash("sha256").update(page!).update(list!).digest("hex").slice(0, 32);
    return { etag, contentType: "image/webp", page: page!, list: list! };
  } catch (error) {
    throw refusal(error);
  }
}

/** What libvips said about a body it could not decode, as the catalogue's refusal. */
function refusal(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return appError("IMAGE_INVALID:pixels", undefined, MAX_IMAGE_MEGAPIXELS);
  return appError("IMAGE_INVALID");
}
