// Scenario 11: the web app's budgets, as a student meets them. A scratch
// database of its own holding exactly `webEvents` upcoming events (200 by
// default: categories, clubs, free and paid), its own production-mode server
// serving the built app (web/dist, built first by the same step as `npm start`
// when missing or stale), and Debian's headless Chromium at 375 and 1280 px.
// Each page load is cold: a new browser context, so an empty cache and no
// session. Figures:
//   * the JavaScript a student's first load of `/` downloads: raw, gzipped
//     here (zlib's default level, whatever the server sends), and as sent (the
//     server sends the gzip twins the build writes; an older build, none), target
//     < 150 KB gzipped; and the extra
//     JavaScript of the admin and organiser consoles (lazy chunks a student never loads);
//   * first render, from the page's navigation start: first contentful paint
//     and the first page of event cards in the DOM (target < 1 s, p50 of the
//     runs), and all the events' cards with "Load more" pressed as soon as offered.
// Every JS file of the build, gzipped, is in the JSON (the heaviest first): the
// bundle analysis a budget that breaks starts from.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync, gzipSync } from "node:zlib";
import pg from "pg";
import type { Browser } from "playwright-core";
import { signToken } from "../../src/auth/jwt.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";
import { log } from "../../src/log.ts";
import { createDatabase, dropDatabase, withDatabase } from "../../src/tooling/databases.ts";
import type { BenchContext } from "../context.ts";
import { measureCpu, type CpuShares } from "../cpu.ts";
import { startInstance, type Instance } from "../instances.ts";
import { round } from "../stats.ts";
import { chromiumPath, launchBrowser, loadEventList, loadSignedIn, sumJs, type JsLoad, type RenderTimes } from "./web-browser.ts";

export const WEB_WIDTHS = [375, 1280] as const;
export const WEB_BUDGET = { studentJsGzipKb: 150, firstRenderMs: 1000 };

export interface WebWidth {
  width: number;
  runs: RenderTimes[];
  /** Medians of the runs (nearest rank, the lower middle of an even count). */
  p50: RenderTimes;
}

export interface WebResult {
  /** Why nothing was measured (no Chromium, no way to build the app). */
  skipped?: string;
  events: number;
  /** Events given an image through `PUT /events/{id}/image` (none where the server has no such route: `imagesNote` says why). */
  eventsWithImages: number;
  imagesNote?: string;
  runsPerWidth: number;
  /** The JavaScript of a student's cold first load of `/` (anonymous, 375 px; the same files at 1280 px). */
  student?: JsLoad;
  /** Did the server send any JS compressed (Content-Encoding)? */
  compressedByServer?: boolean;
  /** JavaScript an admin's first load of /admin, and a club organiser's of /organiser, downloads beyond the student's. */
  adminExtra?: JsLoad;
  organiserExtra?: JsLoad;
  /** Every JavaScript file of the build (web/dist/assets), heaviest gzipped first. */
  built?: { files: { path: string; rawBytes: number; gzipBytes: number }[]; rawBytes: number; gzipBytes: number };
  widths: WebWidth[];
  /** Cores used during the measured page loads (Chromium is "other"). */
  cpu?: CpuShares;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "web", "dist");
const quiet = log.child({}, { level: "warn" });

export async function runWeb(ctx: BenchContext): Promise<WebResult> {
  const { options } = ctx;
  const events = options.webEvents;
  const runs = options.webRuns;
  const skip = (reason: string): WebResult => ({ skipped: reason, events, eventsWithImages: 0, runsPerWidth: runs, widths: [] });
  if (!existsSync(chromiumPath)) return skip(`no Chromium at ${chromiumPath} (apt-get install chromium fonts-liberation, or set CHROMIUM_PATH)`);
  const built = await buildApp();
  if (built) return skip(built);

  const name = `${ctx.db.name}_web`;
  const adminUrl = withDatabase(ctx.db.ownerUrl, "postgres");
  await createDatabase(adminUrl, name, options.templateDatabase);
  const ownerUrl = withDatabase(ctx.db.ownerUrl, name);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  owner.on("error", () => {}); // a late 57P01 when the database is dropped (WITH FORCE)
  let instance: Instance | undefined;
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    if (!options.templateDatabase) await migrateDatabase(ownerUrl, quiet);
    const people = await seed(owner, events, ctx.jwt);
    instance = await startInstance(
      { ...ctx.db, name, ownerUrl, authUrl: withDatabase(ctx.db.authUrl, name), owner, close: async () => {} },
      { jwtSecret: ctx.jwt.secret, env: { REDIS_PREFIX: `${ctx.db.name}:web` } },
    );
    const url = instance.url;
    const images = await uploadImages(url, people.admin.token, people.eventIds);
    if (images.note) options.log(`web: ${images.note}`);

    // One load first, not counted: the server's first GraphQL plans, the files in the page cache.
    await loadEventList(browser, url, 1280, events);
    const samples = new Map<number, RenderTimes[]>(WEB_WIDTHS.map((w) => [w, []]));
    let student: JsLoad | undefined;
    const stopCpu = measureCpu([instance.pid]);
    // Widths in turns, so whatever else loads the machine weighs on both.
    for (let r = 0; r < runs; r++) {
      for (const width of WEB_WIDTHS) {
        const load = await loadEventList(browser, url, width, events);
        samples.get(width)!.push(load.times);
        student ??= load.js;
        const paths = (js: JsLoad) => js.files.map((f) => f.path).sort().join(" ");
        if (paths(load.js) !== paths(student)) options.log(`web: at ${width} px the page loaded other scripts: ${paths(load.js)}`);
      }
    }
    const cpu = stopCpu();
    const extra = (js: JsLoad) => sumJs(js.files.filter((f) => !student!.files.some((s) => s.path === f.path)));
    const adminExtra = extra(await loadSignedIn(browser, url, "/admin", people.admin, "Events"));
    const organiserExtra = extra(await loadSignedIn(browser, url, "/organiser", people.organiser, "My clubs"));

    return {
      events,
      eventsWithImages: images.uploaded,
      imagesNote: images.note,
      runsPerWidth: runs,
      student,
      compressedByServer: student!.files.some((f) => f.encoding !== null),
      adminExtra,
      organiserExtra,
      built: builtJs(),
      widths: WEB_WIDTHS.map((width) => ({ width, runs: samples.get(width)!, p50: medians(samples.get(width)!) })),
      cpu,
    };
  } finally {
    await browser?.close().catch(() => {});
    await instance?.stop();
    await owner.end();
    await dropDatabase(adminUrl, name);
  }
}

/**
 * `node src/cli/build-web.ts`, as `npm start` runs it: nothing when web/dist is
 * fresh, else codegen and `vite build`. Returns why the app cannot be served, or undefined.
 */
async function buildApp(): Promise<string | undefined> {
  const child = spawn(process.execPath, ["src/cli/build-web.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`web: building the app failed (src/cli/build-web.ts exited with ${code}):\n${output.slice(-4_000)}`);
  if (!existsSync(join(DIST, "index.html"))) return `the web app is not built and cannot be: ${output.trim().slice(-500)}`;
  return undefined;
}

function builtJs(): NonNullable<WebResult["built"]> {
  const dir = join(DIST, "assets");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => {
      const body = readFileSync(join(dir, f));
      return { path: `/assets/${f}`, rawBytes: body.length, gzipBytes: gzipSync(body).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { files, rawBytes: files.reduce((n, f) => n + f.rawBytes, 0), gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0) };
}

function medians(runs: RenderTimes[]): RenderTimes {
  const median = (pick: (t: RenderTimes) => number) => [...runs.map(pick)].sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)]!;
  return {
    domContentLoadedMs: median((t) => t.domContentLoadedMs),
    fcpMs: median((t) => t.fcpMs),
    eventsQuerySentMs: median((t) => t.eventsQuerySentMs),
    eventsQueryAnsweredMs: median((t) => t.eventsQueryAnsweredMs),
    firstCardsMs: median((t) => t.firstCardsMs),
    firstCards: median((t) => t.firstCards),
    allCardsMs: median((t) => t.allCardsMs),
  };
}

/**
 * `count` upcoming events over five categories and four clubs (a quarter run
 * by the admins alone), a third free, starting every 18 hours from tomorrow;
 * an admin and a club owner with sessions, saved the way the app saves a sign-in.
 */
async function seed(owner: pg.Pool, count: number, jwt: BenchContext["jwt"]) {
  // The migrations may already have made some of these categories.
  const { rows: categories } = await owner.query<{ id: number }>(
    `with wanted as (select unnest($1::text[])::citext as name),
          made as (insert into app_public.categories (name) select name from wanted on conflict (name) do nothing returning id, name)
     select coalesce(m.id, c.id) as id from wanted w left join made m on m.name = w.name left join app_public.categories c on c.name = w.name`,
    [["Concert", "Sports", "Tech Fest", "Workshop", "Theatre"]],
  );
  const { rows: clubs } = await owner.query<{ id: number }>(
    `insert into app_public.clubs (name, description) select n, 'A bench club.' from unnest($1::text[]) n returning id`,
    [["Music Society", "Robotics Club", "Drama Society", "Hiking Club"]],
  );
  const { rows: made } = await owner.query<{ id: number }>(
    `insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                    price_cents, category_id, club_id)
     select (array['Spring', 'Late', 'Open', 'Grand', 'Midweek'])[1 + n % 5] || ' ' ||
            (array['Gig', 'Match', 'Hackathon', 'Masterclass', 'Play', 'Quiz', 'Social'])[1 + n % 7] || ' ' || n,
            'An event of the web bench.', (array['Main Hall', 'Sports Centre', 'Lecture Theatre 2', 'Students'' Union'])[1 + n % 4],
            now() + interval '1 day' + make_interval(hours => 18 * n), 40 + (n * 37) % 460, 1 + n % 4,
            case when n % 3 = 0 then 0 else 300 + (n % 8) * 250 end,
            ($2::int[])[1 + n % 5], case when n % 4 = 0 then null else ($3::int[])[1 + n % 4] end
     from generate_series(1, $1::int) n
     returning id`,
    [count, categories.map((c) => c.id), clubs.map((c) => c.id)],
  );
  const person = async (role: "admin" | "student", label: string) => {
    const email = `bench-web-${label}-${Date.now().toString(36)}@bench.example.edu`;
    const { rows } = await owner.query<{ id: number; session: number }>(
      `with u as (insert into app_public.users (name, email, role, email_verified_at)
                  values ($1, $2, $3, now()) returning id),
            s as (insert into app_private.sessions (user_id, expires_at) select id, now() + make_interval(secs => $4) from u returning id, user_id)
       select user_id as id, id as session from s`,
      [`Bench ${label}`, email, role, jwt.ttlSeconds],
    );
    const { id, session } = rows[0]!;
    return { id, token: signToken({ user_id: id, role, session_id: session }, jwt), role, name: `Bench ${label}`, email };
  };
  const admin = await person("admin", "admin");
  const organiser = await person("student", "organiser");
  await owner.query(`insert into app_public.club_memberships (club_id, user_id, role) values ($1, $2, 'owner')`, [clubs[0]!.id, organiser.id]);
  const saved = (p: typeof admin) => ({ token: p.token, userId: p.id, role: p.role, name: p.name, email: p.email });
  return { admin: saved(admin), organiser: saved(organiser), eventIds: made.map((e) => e.id).sort((a, b) => a - b) };
}

const IMAGE_EVERY = 4; // one event in four has a picture, the others the designed placeholder
const MOST_IMAGES = 20;

/**
 * Pictures for some events, through the API as an organiser adds them (the
 * server decodes and re-encodes each): one event in four, at most 20, so the
 * list's first page holds both kinds of card. A server without the route
 * (404) gets none, and the result says so.
 */
async function uploadImages(url: string, adminToken: string, eventIds: number[]): Promise<{ uploaded: number; note?: string }> {
  const chosen = eventIds.filter((_, i) => i % IMAGE_EVERY === IMAGE_EVERY - 1).slice(0, MOST_IMAGES);
  const pictures = [0, 72, 144, 216, 288].map((hue) => gradientPng(1200, 675, hue)); // five, in turns: each costs ~0.2 s to make
  let uploaded = 0;
  for (const [i, id] of chosen.entries()) {
    const response = await fetch(`${url}/events/${id}/image`, {
      method: "PUT",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "image/png" },
      body: pictures[i % pictures.length],
    });
    const text = await response.text();
    if (response.status === 404 && uploaded === 0) return { uploaded: 0, note: "the server has no PUT /events/{id}/image: events without images" };
    if (!response.ok) return { uploaded, note: `PUT /events/${id}/image answered ${response.status}: ${text.slice(0, 300)}` };
    uploaded++;
  }
  return { uploaded };
}

/** A PNG (RGB, 8 bits) of a diagonal gradient around a hue: a photo-sized picture without a file in the repository. */
function gradientPng(width: number, height: number, hue: number): Buffer {
  const rgb = (h: number, l: number) => {
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return Math.round(255 * (l - 0.5 * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  };
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // each row starts with filter type 0 (none)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb((hue + (x + y) / 20) % 360, 0.35 + (0.3 * y) / height);
      rows.set([r!, g!, b!], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const kb = (bytes: number) => round(bytes / 1024, 1);
