// The browser half of the web scenario (bench/scenarios/web.ts): Debian's
// headless Chromium through playwright-core, launched as the browser tests
// launch it, a fresh context (an empty cache, no storage) per page load, and
// what one page load downloaded as JavaScript and when its events appeared.
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../test/web/chromium.ts";
import { round } from "../stats.ts";

export { chromiumPath };

export interface JsFile {
  /** Path on the server (/assets/index-<hash>.js). */
  path: string;
  /** The file as the browser ran it (after any Content-Encoding). */
  rawBytes: number;
  /** The same bytes through gzip (zlib's default level 6, as a proxy's gzip would send them). */
  gzipBytes: number;
  /** The response body as it crossed the wire (Chromium's encoded body size). */
  servedBytes: number;
  /** Content-Encoding the server answered with; null: none. */
  encoding: string | null;
}

export interface JsLoad {
  files: JsFile[];
  rawBytes: number;
  gzipBytes: number;
  servedBytes: number;
}

export function sumJs(files: JsFile[]): JsLoad {
  const sorted = [...files].sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (pick: (f: JsFile) => number) => files.reduce((n, f) => n + pick(f), 0);
  return { files: sorted, rawBytes: sum((f) => f.rawBytes), gzipBytes: sum((f) => f.gzipBytes), servedBytes: sum((f) => f.servedBytes) };
}

/** Milliseconds from the page's timeOrigin (navigation start), as the page's own performance.now() read them. */
export interface RenderTimes {
  /** The document parsed and its module scripts run (navigation timing's domContentLoadedEventEnd): what the JS costs before any data. */
  domContentLoadedMs: number;
  /** First contentful paint (the paint timing entry). */
  fcpMs: number;
  /** The list's first events query (UpcomingEvents over /graphql): fetch called, and its answer arrived (fetch resolved). */
  eventsQuerySentMs: number;
  eventsQueryAnsweredMs: number;
  /** The first event cards in the DOM (the first page of the list arrives in one commit). */
  firstCardsMs: number;
  /** How many cards that first render held. */
  firstCards: number;
  /** Every seeded event's card in the DOM, "Load more" pressed in the page as soon as it is offered. */
  allCardsMs: number;
}

/** What marks an event card in the list (web/src/events/EventCard.tsx, in EventListPage's list). */
export const EVENT_CARD = ".event-list > li article";
const LOAD_MORE = "Load more";

/**
 * Runs in the page before any of its scripts: a MutationObserver notes when
 * the first cards and the last of `total` cards enter the DOM (its callbacks
 * run right after each change, on the page's own clock), and presses "Load
 * more" from inside the page whenever it is offered, so no round trip to the
 * bench sits in the figure. Page code as a string: the bench compiles without the DOM's types.
 */
function marksScript(total: number): string {
  return `(() => {
    const marks = (window.__webBench = { cards: 0 });
    let pressedAt = -1;
    const look = () => {
      const n = document.querySelectorAll(${JSON.stringify(EVENT_CARD)}).length;
      const now = performance.now();
      if (n > 0 && marks.firstCardsMs === undefined) { marks.firstCardsMs = now; marks.firstCards = n; }
      if (n >= ${total} && marks.allCardsMs === undefined) marks.allCardsMs = now;
      marks.cards = n;
      if (n > 0 && n < ${total} && n !== pressedAt) {
        const more = [...document.querySelectorAll("button")].find(
          (b) => b.textContent.trim() === ${JSON.stringify(LOAD_MORE)} && b.getAttribute("aria-disabled") !== "true");
        if (more) { pressedAt = n; more.click(); }
      }
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
    // The list's first events query, on the same clock: when the app called fetch, and when the
    // answer arrived (fetch resolved; its few KB of body come with it). Not a copy of the body:
    // urql aborts the request once it has read it, which would fail the copy.
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      const sent = performance.now();
      const answer = fetch.apply(this, arguments);
      const what = String((input && input.url) || input) + " " + (init && typeof init.body === "string" ? init.body : "");
      if (marks.eventsQuerySentMs === undefined && what.includes("UpcomingEvents")) {
        marks.eventsQuerySentMs = sent;
        answer.then(() => { marks.eventsQueryAnsweredMs = performance.now(); }, () => {});
      }
      return answer;
    };
  })();`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Every JavaScript response the context receives, with its body's sizes. */
function recordJs(context: BrowserContext): () => Promise<JsLoad> {
  const pending: Promise<JsFile | undefined>[] = [];
  context.on("response", (response) => {
    if (!/javascript/i.test(response.headers()["content-type"] ?? "")) return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        return {
          path: new URL(response.url()).pathname,
          rawBytes: body.length,
          gzipBytes: gzipSync(body).length,
          servedBytes: sizes.responseBodySize,
          encoding: response.headers()["content-encoding"] ?? null,
        };
      })().catch(() => undefined),
    );
  });
  return async () => {
    const files = (await Promise.all(pending)).filter((f): f is JsFile => f !== undefined);
    return sumJs([...new Map(files.map((f) => [f.path, f])).values()]);
  };
}

const viewport = (width: number) => ({ width, height: width <= 480 ? 812 : 900 });

/**
 * One cold page load of the event list at this width: a new context (empty
 * cache), the page opened, until every one of `total` cards is in the DOM.
 */
export async function loadEventList(browser: Browser, url: string, width: number, total: number): Promise<{ times: RenderTimes; js: JsLoad }> {
  const context = await browser.newContext({ viewport: viewport(width), locale: "en-GB", timezoneId: "Europe/London" });
  try {
    await context.addInitScript({ content: marksScript(total) });
    const js = recordJs(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${url}/`, { waitUntil: "commit" });
    try {
      // The marks are taken in the page; this only waits for the last of them
      // (a function, not a string: the page's CSP forbids evaluating strings).
      await page.waitForFunction(() => (globalThis as any).__webBench?.allCardsMs !== undefined, null, { timeout: 60_000, polling: 100 });
    } catch (error) {
      const cards = await page.evaluate<number>("window.__webBench ? window.__webBench.cards : -1").catch(() => -1);
      throw new Error(`web: ${cards} of ${total} event cards (${EVENT_CARD}) appeared at ${width} px${errors.length ? `; page errors: ${errors.join("; ")}` : ""}: ${(error as Error).message.split("\n")[0]}`);
    }
    const marks = await page.evaluate<{ firstCardsMs: number; firstCards: number; allCardsMs: number; eventsQuerySentMs?: number; eventsQueryAnsweredMs?: number }>(
      "window.__webBench",
    );
    const fcpMs = await page.evaluate<number>(`(performance.getEntriesByName("first-contentful-paint")[0] || { startTime: NaN }).startTime`);
    const domContentLoadedMs = await page.evaluate<number>(`(performance.getEntriesByType("navigation")[0] || { domContentLoadedEventEnd: NaN }).domContentLoadedEventEnd`);
    if (errors.length) throw new Error(`web: the page threw at ${width} px: ${errors.join("; ")}`);
    return {
      times: {
        domContentLoadedMs: round(domContentLoadedMs, 1),
        fcpMs: round(fcpMs, 1),
        eventsQuerySentMs: round(marks.eventsQuerySentMs ?? NaN, 1),
        eventsQueryAnsweredMs: round(marks.eventsQueryAnsweredMs ?? NaN, 1),
        firstCardsMs: round(marks.firstCardsMs, 1),
        firstCards: marks.firstCards,
        allCardsMs: round(marks.allCardsMs, 1),
      },
      js: await js(),
    };
  } finally {
    await context.close();
  }
}

/**
 * A signed-in first load of another part of the app (the admin or organiser
 * console): a new context whose storage holds the session the app would have
 * saved at sign-in, the page opened until its `heading` shows (the console's
 * lazy chunk has run: "network idle" alone can come first, before the chunk
 * is asked for) and the network is idle; the JavaScript it downloaded.
 */
export async function loadSignedIn(browser: Browser, url: string, path: string, session: Record<string, unknown>, heading: string): Promise<JsLoad> {
  const context = await browser.newContext({ viewport: viewport(1280), locale: "en-GB", timezoneId: "Europe/London" });
  try {
    // The key and shape of web/src/auth/token.ts.
    await context.addInitScript({ content: `localStorage.setItem("tickets.session", ${JSON.stringify(JSON.stringify(session))});` });
    const js = recordJs(context);
    const page = await context.newPage();
    await page.goto(`${url}${path}`, { timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 60_000 });
    return await js();
  } finally {
    await context.close();
  }
}
