// Event images in a real browser: an event with an image shows it on its card
// (the list's size) and on its page (the page's size); one without shows the
// designed placeholder. The image is uploaded through the API, as an organiser's
// client would.
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { insertEvent } from "../helpers/fixtures.ts";
import { expectAccessible, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";
import { signedIn } from "./users.ts";

const t = useWebServer();
const browser = useBrowser();

describe("event images", () => {
  test("a card and a page show the event's image; an event without one keeps the placeholder", { timeout: 90_000 }, async () => {
    const pictured = await insertEvent(t.db, { name: "Lantern Festival", starts_in: "3 days" });
    await insertEvent(t.db, { name: "Plain Talk", starts_in: "4 days" });
    const image = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: "#f5a623" } }).jpeg().toBuffer();
    const upload = await fetch(`${t.server.url}/events/${pictured.id}/image`, {
      method: "PUT", headers: { "content-type": "image/jpeg", authorization: `Bearer ${t.adminToken}` }, body: image,
    });
    expect(upload.status).toBe(200);

    const { page } = await browser.user();
    await page.goto(`${t.server.url}/`);
    const card = page.getByRole("listitem").filter({ hasText: "Lantern Festival" });
    const cardImage = card.locator(".event-art img");
    await visible(cardImage);
    // Loaded (not a broken image), in the list's size.
    await expect.poll(() => cardImage.evaluate((img) => { const loaded = img as unknown as { complete: boolean; naturalWidth: number }; return loaded.complete && loaded.naturalWidth; })).toBe(640);
    const plain = page.getByRole("listitem").filter({ hasText: "Plain Talk" });
    expect(await plain.locator(".event-art img").count()).toBe(0);
    await visible(plain.locator(".event-art__category"));
    await screenshots(page, "event-list-with-image");

    await page.getByRole("link", { name: "Lantern Festival" }).first().click();
    const hero = page.locator(".event-art--page img");
    await visible(hero);
    await expect.poll(() => hero.evaluate((img) => { const loaded = img as unknown as { complete: boolean; naturalWidth: number }; return loaded.complete && loaded.naturalWidth; })).toBe(1280);
    await expectAccessible(page, "event page with an image");
  });

  test("an admin adds an image on the event's edit page; a file that is not an image is refused beside the field", { timeout: 90_000 }, async () => {
    const event = await insertEvent(t.db, { name: "Spring Concert", starts_in: "5 days" });
    const { page } = await browser.user();
    await signedIn(page, t.db, t.server.url, "admin");
    await page.goto(`${t.server.url}/admin/events/${event.id}/edit`);
    await visible(page.getByText("No image yet"));
    const input = page.getByLabel("Add an image");
    await input.setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all") });
    await visible(page.getByText(/is not a PNG, JPEG or WebP image/));
    expect((await t.db.owner.query("select count(*)::int as n from app_private.event_images where event_id = $1", [event.id])).rows[0].n).toBe(0);

    const png = await sharp({ create: { width: 900, height: 900, channels: 3, background: "#2a9d8f" } }).png().toBuffer();
    await input.setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: png });
    await visible(page.getByText("Image saved"));
    const preview = page.getByRole("img", { name: "The event's current image" });
    await expect.poll(() => preview.evaluate((img) => {
      const loaded = img as unknown as { complete: boolean; naturalWidth: number };
      return loaded.complete && loaded.naturalWidth;
    })).toBe(1280);
    await expectAccessible(page, "event edit page with its image");
    await screenshots(page, "event-image-upload");

    await page.goto(`${t.server.url}/events/${event.id}`);
    await visible(page.locator(".event-art--page img"));
  });
});
