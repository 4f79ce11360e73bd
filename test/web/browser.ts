// The browser side of the web tests: Debian's Chromium driven by playwright-core
// (browser downloads are not reachable here), one browser per test file, a
// context per user, axe on every page and screenshots at phone and desktop width.
import { AxeBuilder } from "@axe-core/playwright";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { chromiumArgs as args, chromiumPath } from "./chromium.ts";

/** One headless Chromium for the test file; `browser.user()` opens a context per user. */
export function useBrowser() {
  const handle = {} as { browser: Browser; user(options?: { width?: number }): Promise<{ context: BrowserContext; page: Page }> };
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    handle.browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  });
  handle.user = async ({ width = 1280 } = {}) => {
    const context = await handle.browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB", timezoneId: "Europe/London" });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    context.on("page", (page) => {
      // A page error is a bug in the app: it fails the file.
      page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      // So is anything the page's Content-Security-Policy blocked.
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text())) pageErrors.push(`${page.url()}: ${message.text()}`);
      });
    });
    const page = await context.newPage();
    return { context, page };
  };
  // A failed test leaves a picture of every open page (and its text) to look at.
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await picturesOfFailure(context.task.name);
    // Each test's users leave with it (fewer pages to keep alive on two cores).
    for (const browserContext of contexts.splice(0)) await browserContext.close().catch(() => {});
  });
  async function picturesOfFailure(name: string) {
    const dir = path.join(os.tmpdir(), "web-test-failures");
    await mkdir(dir, { recursive: true });
    let n = 0;
    for (const browserContext of contexts) {
      for (const page of browserContext.pages()) {
        const file = path.join(dir, `${name.slice(0, 40).replace(/\W+/g, "-")}-${n++}`);
        await page.screenshot({ path: `${file}.png`, fullPage: true }).catch(() => {});
        await writeFile(`${file}.txt`, `${page.url()}\n\n${await page.locator("body").innerText().catch(() => "")}`);
      }
    }
    console.error(`screenshots of the pages at the failure: ${dir}`);
  }
  afterAll(async () => {
    // What axe saw in this file: every page passed (or the test failed), but
    // moderate and minor findings are worth reading.
    const findings = axeLog.flatMap((entry) => entry.violations.map((v) => `${entry.page}: ${v}`));
    console.log(`axe: ${axeLog.length} page states checked, no serious or critical violation${findings.length ? `; other findings: ${findings.join("; ")}` : ", nothing else found"}`);
    for (const context of contexts) await context.close().catch(() => {});
    await handle.browser?.close();
    expect(pageErrors, "uncaught errors in the pages").toEqual([]);
  });
  const pageErrors: string[] = [];
  return handle;
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, what = page.url()) {
  const t0 = Date.now();
  // Every rule runs; only violations are detailed (the passes' node lists cost seconds).
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  if (process.env.WEB_TEST_TIMING) console.log(`axe ${what}: ${Date.now() - t0} ms`);
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  axeLog.push({ page: what, violations: results.violations.map((v) => `${v.impact} ${v.id}`) });
  expect(bad, `axe on ${what}`).toEqual([]);
}

/** What axe saw on every page this file checked (summed up after the file). */
export const axeLog: { page: string; violations: string[] }[] = [];

// Where the screenshots go: the git-ignored .data/screenshots, so a test run
// changes no tracked file; `npm run screenshots` points SCREENSHOTS_DIR at
// docs/screenshots (shown in the README) to refresh them on purpose.
const root = path.resolve(import.meta.dirname, "../..");
export const screenshotDir = path.resolve(root, process.env.SCREENSHOTS_DIR ?? ".data/screenshots");

/**
 * The page at phone (375 px) and desktop (1280 px) width, as <name>-375.png and
 * <name>-1280.png in screenshotDir, then back at the width it had; axe checks
 * the page at phone width.
 */
export async function screenshots(page: Page, name: string) {
  await mkdir(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    // Layout settles after a resize; fonts are local.
    // (Page code as strings: the tests compile without the DOM's types.)
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
    const t0 = Date.now();
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true, animations: "disabled" });
    if (process.env.WEB_TEST_TIMING) console.log(`screenshot ${name}-${width}: ${Date.now() - t0} ms`);
    // Nothing may be wider than a phone's screen: the page must not scroll sideways.
    if (width === 375) {
      const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
      expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    }
    // axe once per page, at phone width where reflow hides and stacks things
    // (each run takes a second or two of this machine's two cores).
    if (width === 375) await expectAccessible(page, `${name} at ${width} px`);
  }
  if (before) await page.setViewportSize(before);
}

/** The first match, once it is visible (the app loads data after the page). */
export async function visible<T extends { first(): { waitFor(o: { state: "visible"; timeout?: number }): Promise<void> } }>(
  locator: T,
  timeout = 10_000,
): Promise<T> {
  await locator.first().waitFor({ state: "visible", timeout });
  return locator;
}

/**
 * The message shown beside a form field: the text of what its input is
 * described by (aria-describedby), with the input marked aria-invalid, so a
 * screen reader announces the error with the field.
 */
export async function fieldError(page: Page, label: string | RegExp) {
  const input = page.getByLabel(label, { exact: typeof label === "string" }).first();
  await expect.poll(() => input.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(" ");
}

/**
 * Wait until an aria-live region of the page that speaks of tickets left shows
 * this count as its first number ("19 of 20 tickets left"); returns the time
 * it was seen (Date.now()). The count must be in a live region: screen readers
 * announce it.
 */
export async function liveCountShows(page: Page, count: number, timeout = 5_000) {
  await page.waitForFunction(
    (n) =>
      [...(globalThis as any).document.querySelectorAll("[aria-live]")].some((el: any) => {
        const text: string = el.textContent ?? "";
        return /left|remaining|available/i.test(text) && text.match(/\d[\d,]*/)?.[0]?.replace(/,/g, "") === String(n);
      }),
    count,
    { timeout, polling: 20 },
  );
  return Date.now();
}
