// The built app is served at / by the real server and its pages pass axe.
import { describe, expect, test } from "vitest";
import { useWebServer } from "./server.ts";
import { expectAccessible, screenshots, useBrowser, visible } from "./browser.ts";

const t = useWebServer();
const browser = useBrowser();

describe("the web app", () => {
  test("is served at / and passes axe", async () => {
    const { page } = await browser.user();
    const response = await page.goto(`${t.server.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toMatch(/text\/html/);
    await visible(page.getByRole("link", { name: "Campus tickets" }));
    await visible(page.getByRole("heading", { level: 1 }));
    await expectAccessible(page, "home");
  });

  test("the API still answers beside the app", async () => {
    const response = await fetch(`${t.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(200);
  });

  test("sign-in and sign-up pages pass axe, photographed at phone and desktop width", async () => {
    const { page } = await browser.user();
    await page.goto(`${t.server.url}/`);
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await visible(page.getByRole("button", { name: "Sign in" }));
    await screenshots(page, "sign-in");
    await page.goto(`${t.server.url}/`);
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await visible(page.getByRole("button", { name: "Sign up" }));
    await screenshots(page, "sign-up");
  });

  test("a link with broken percent-encoding shows 'Page not found' inside the app, not a blank page", async () => {
    const { page } = await browser.user();
    for (const path of ["/events/%E0%A4%A", "/events/%ZZ", "/events/%"]) {
      const response = await page.goto(`${t.server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await visible(page.getByRole("heading", { level: 1, name: "Page not found" }));
      await visible(page.getByRole("link", { name: "Campus tickets" })); // the layout is there too
      // The way back works.
      await page.getByRole("link", { name: "Back to upcoming events" }).click();
      await visible(page.getByRole("heading", { level: 1, name: "Upcoming events" }));
    }
  });

  test("a page that fails to render (its code did not load) says so inside the app, and the others still work", async () => {
    const { page } = await browser.user();
    // The event page's chunk cannot be fetched, as after a deploy removed it.
    await page.route(/\/assets\/EventPage-[^/]+\.js$/, (route) => route.abort());
    await page.goto(`${t.server.url}/events/1`);
    await visible(page.getByRole("heading", { level: 1, name: "Something went wrong" }));
    await page.getByRole("link", { name: "go back to upcoming events" }).click();
    await visible(page.getByRole("heading", { level: 1, name: "Upcoming events" }));
  });
});
