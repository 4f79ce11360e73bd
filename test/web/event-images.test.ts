// Event images in a real browser: an event with an image shows it on its card
// (the list's size) and on its page (the page's size); one without shows the
// designed placeholder. The image is uploaded through the API, as an organiser's
// client would.
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { insertEvent } from "../helpers/fixtures.ts";
import { expectAccessible, screenshots, useBrowser, visible } from "./browser.ts";
import { useWebServer } from "./server.ts";

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
});
