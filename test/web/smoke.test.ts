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
});
