// Results → the printed table and bench/results/*.json. Targets are reported
// (met / not met), never asserted: a slow figure is information, not a failure.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CpuShares } from "./cpu.ts";
import type { LoadResult } from "./load.ts";
import type { FanOutResult } from "./scenarios/fan-out.ts";
import type { FloorResult } from "./scenarios/floor.ts";
import type { FullStackResult } from "./scenarios/full-stack.ts";
import type { HistoryResult } from "./scenarios/history.ts";
import type { MultiInstanceResult } from "./scenarios/multi-instance.ts";
import type { PgBouncerResult } from "./scenarios/pgbouncer.ts";
import type { QueueReleaseResult } from "./scenarios/queue-release.ts";
import type { SaleRushResult } from "./scenarios/sale-rush.ts";
import type { SoldOutResult } from "./scenarios/sold-out.ts";
import type { SubscriptionFloodResult } from "./scenarios/subscription-flood.ts";
import type { JsLoad } from "./scenarios/web-browser.ts";
import { kb, WEB_BUDGET, type WebResult } from "./scenarios/web.ts";

export interface Environment {
  concurrency: number;
  /** Server processes started; scenarios 1-5 use the first one. */
  instances: number;
  nodeVersion: string;
  postgresVersion: string;
  database: "embedded" | "DATABASE_URL";
  redis: boolean;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  /** Cores busy with other work just before the run (another test suite...): figures shrink with it. */
  busyBeforeCores?: number;
  quick: boolean;
  /** Subscription cohorts on the servers (WS_SUBSCRIPTION_COHORTS). */
  cohorts?: boolean;
}

export interface Scenarios {
  floor?: FloorResult;
  fullStack?: FullStackResult & { ratioToFloor?: number };
  saleRush?: SaleRushResult;
  /** The default rush again, booking through REST. */
  saleRushRest?: SaleRushResult;
  /** The second rush (10,000 students, 1,000 seats by default). */
  saleRushLarge?: SaleRushResult;
  /** Both rushes again, spread round-robin over one instance per core. */
  saleRushSpread?: SaleRushResult;
  saleRushLargeSpread?: SaleRushResult;
  soldOut?: SoldOutResult;
  fanOut?: FanOutResult;
  /** 5b: the fan-out on a fresh instance holding many more subscribers (50,000 by default), or why it could not. */
  /** askedSubscribers: what --held-subscribers asked for, when the open-file limits let fewer be held. */
  subscribersHeld?:
    | (FanOutResult & { benchFileLimit: number; askedSubscribers?: number; error?: undefined })
    | { benchFileLimit: number; askedSubscribers?: number; subscribers: number; error: string };
  multiInstance?: MultiInstanceResult;
  subscriptionFlood?: SubscriptionFloodResult;
  queueRelease?: QueueReleaseResult;
  pgbouncer?: PgBouncerResult;
  history?: HistoryResult;
  web?: WebResult;
}

export interface Target {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  environment: Environment;
  scenarios: Scenarios;
  targets: Target[];
  table: string[][];
}

/** A rush's target name: its size and how many instances took the crowd. */
function rushTarget(r: SaleRushResult): string {
  return `sale-rush ${r.protocol === "rest" ? "REST " : ""}${r.students}/${r.tickets} on ${r.instances} p99 ms`;
}

export function targetsOf(s: Scenarios): Target[] {
  const targets: Target[] = [];
  if (s.fullStack?.ratioToFloor !== undefined) {
    const value = s.fullStack.ratioToFloor;
    targets.push({ name: "full-stack / floor", value, target: ">= 2.0", met: value >= 2 });
  }
  for (const [r, limit] of [[s.saleRush, 1000], [s.saleRushRest, 1000], [s.saleRushLarge, 2500], [s.saleRushSpread, 1000], [s.saleRushLargeSpread, 2500]] as const) {
    if (r) targets.push({ name: rushTarget(r), value: r.latencyMs.p99, target: `< ${limit}`, met: r.latencyMs.p99 < limit });
  }
  const scaling = s.multiInstance && instanceScaling(s.multiInstance);
  if (scaling) {
    targets.push({ name: `multi-instance ${scaling.most} ÷ 1 bookings/s`, value: scaling.ratio, target: ">= 0.85", met: scaling.ratio >= 0.85 });
  }
  if (s.soldOut) targets.push({ name: "sold-out / trivial", value: s.soldOut.ratio, target: ">= 0.9", met: s.soldOut.ratio >= 0.9 });
  if (s.fanOut) {
    const value = s.fanOut.upperBoundMs.p99;
    targets.push({ name: "fan-out p99 ms (upper bound)", value, target: "< 250", met: value < 250 });
    const cpu = s.fanOut.serverCpuUsPerMessage;
    if (cpu !== undefined) targets.push({ name: "fan-out server CPU µs per message", value: cpu, target: "<= 10", met: cpu <= 10 });
    const rss = s.fanOut.memory.rssBytesPerSubscriber;
    targets.push({ name: "fan-out RSS KB per subscriber", value: Math.round(rss / 102.4) / 10, target: "<= 8", met: rss <= 8 * 1024 });
    const ratio = s.fanOut.beside?.p99Ratio;
    if (ratio !== undefined) targets.push({ name: "booking p99 beside fan-out ÷ alone", value: ratio, target: "<= 1.5", met: ratio <= 1.5 });
  }
  const held = s.subscribersHeld;
  if (held) {
    const p99 = held.error === undefined ? held.upperBoundMs.p99 : NaN;
    const ok = held.error === undefined && held.delivered === held.expected && held.subscribers >= 50_000 && p99 < 1000;
    targets.push({ name: "subscribers held: p99 ms", value: p99, target: ">= 50,000 subscribers, < 1000", met: ok });
  }
  if (s.queueRelease) {
    const q = s.queueRelease;
    targets.push({ name: "queue release: place pushed after the draw p99 ms", value: q.placePushedMs.p99, target: "< 2000", met: q.placesPushed === q.students && q.placePushedMs.p99 < 2000 });
    targets.push({ name: "queue release: lottery draw ms", value: q.lottery.drawMs, target: "< 1000", met: q.lottery.drawMs < 1000 });
    const p99 = Math.max(...q.waves.map((w) => w.bookingMs.p99));
    targets.push({ name: "queue release: admitted students' booking p99 ms", value: p99, target: "< 200", met: p99 < 200 });
  }
  if (s.history) {
    const value = s.history.throughputRatio;
    targets.push({ name: "history: seeded / empty bookings/s", value, target: ">= 0.9", met: value >= 0.9 });
  }
  targets.push(...webTargets(s.web));
  return targets;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const rate = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;
const cpuText = (c?: CpuShares) =>
  c ? `server ${c.server} · postgres ${c.postgres} · bench ${c.bench} · other ${c.other} · busy ${c.machine} of ${c.cores}` : "n/a";

/** Bookings/s of the most instances ÷ that of one, from the same run (undefined unless both ran). */
export function instanceScaling(m: MultiInstanceResult): { most: number; ratio: number } | undefined {
  const one = m.steps.find((step) => step.instances === 1);
  const most = m.steps.reduce<MultiInstanceResult["steps"][number] | undefined>((a, b) => (!a || b.instances > a.instances ? b : a), undefined);
  if (!one || !most || most.instances === 1 || one.bookingsPerSecond === 0) return undefined;
  return { most: most.instances, ratio: Math.round((most.bookingsPerSecond / one.bookingsPerSecond) * 100) / 100 };
}

export function tableOf(s: Scenarios, targets: Target[]): string[][] {
  const status = (name: string) => {
    const t = targets.find((x) => x.name === name);
    return t ? [t.target, t.met ? "met" : "NOT MET"] : ["", ""];
  };
  const rows: string[][] = [["Scenario", "Figure", "Value", "Target", "Status"]];
  if (s.floor) {
    rows.push(["1 floor", `booking transactions (${s.floor.method})`, rate(s.floor.transactionsPerSecond), "", ""]);
    rows.push(["", "CPU cores used", cpuText(s.floor.cpu), "", ""]);
  }
  if (s.fullStack) {
    const f = s.fullStack;
    rows.push(["2 full stack", "bookings", rate(f.bookingsPerSecond), "", ""]);
    rows.push(["", "latency p50 / p99", `${ms(f.latencyMs.p50)} / ${ms(f.latencyMs.p99)}`, "", ""]);
    if (f.ratioToFloor !== undefined) rows.push(["", "full stack / floor", f.ratioToFloor.toFixed(2), ...status("full-stack / floor")]);
    rows.push(["", "CPU cores used", cpuText(f.cpu), "", ""]);
  }
  const rushRows = (label: string, r: SaleRushResult) => {
    const on = r.instances === 1 ? "1 instance" : `${r.instances} instances`;
    rows.push([label, `${r.students} students, ${r.tickets} seats, ${on}: sold out after`, ms(r.soldOutMs), "", ""]);
    rows.push(["", "all answered after", ms(r.allAnsweredMs), "", ""]);
    rows.push(["", "answer latency p50 / p99", `${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p99)}`, ...status(rushTarget(r))]);
    rows.push(["", "correct", r.correct ? `yes: ${JSON.stringify(r.outcomes)}` : `NO: ${r.problems.join("; ")}`, "exact", r.correct ? "met" : "NOT MET"]);
  };
  if (s.saleRush) rushRows("3 sale rush", s.saleRush);
  if (s.saleRushRest) rushRows("3 sale rush (REST)", s.saleRushRest);
  const rushCpu = [s.saleRush, s.saleRushRest].filter((r) => r?.serverCpuUsPerRequest !== undefined) as SaleRushResult[];
  if (rushCpu.length) {
    const text = rushCpu.map((r) => `${r.protocol === "rest" ? "REST" : "GraphQL"} ${r.serverCpuUsPerRequest} µs`).join(" / ");
    rows.push(["", "server CPU per request, fresh connections", text, "", ""]);
  }
  if (s.saleRushSpread) rushRows("", s.saleRushSpread);
  if (s.saleRushLarge) rushRows("3b large sale rush", s.saleRushLarge);
  if (s.saleRushLargeSpread) rushRows("", s.saleRushLargeSpread);
  if (s.soldOut) {
    const o = s.soldOut;
    rows.push(["4 sold out", "refused bookings", `${rate(o.refusals.perSecond)} (p99 ${ms(o.refusals.latencyMs.p99)})`, "", ""]);
    rows.push(["", "{ __typename }", `${rate(o.trivial.perSecond)} (p99 ${ms(o.trivial.latencyMs.p99)})`, "", ""]);
    rows.push(["", "refused / trivial", o.ratio.toFixed(2), ...status("sold-out / trivial")]);
    if (o.cpuRatio !== undefined) {
      rows.push(["", "server CPU per request: refused / trivial", `${o.refusals.serverCpuUsPerRequest} µs / ${o.trivial.serverCpuUsPerRequest} µs (trivial ÷ refused ${o.cpuRatio.toFixed(2)})`, "", ""]);
    }
  }
  if (s.fanOut) {
    const f = s.fanOut;
    rows.push(["5 fan-out", `${f.subscribers} subscribers × ${f.bookings} bookings delivered`, `${f.delivered} of ${f.expected}`, "", ""]);
    rows.push(["", "commit→receipt ≤ (receipt − send) p50 / p99", `${ms(f.upperBoundMs.p50)} / ${ms(f.upperBoundMs.p99)}`, ...status("fan-out p99 ms (upper bound)")]);
    rows.push(["", "commit→receipt ≥ (receipt − answer) p50 / p99", `${ms(f.lowerBoundMs.p50)} / ${ms(f.lowerBoundMs.p99)}`, "", ""]);
    rows.push(["", "booking round trip p50", ms(f.bookingMs.p50), "", ""]);
    if (f.memory) {
      const mb = (bytes?: number) => (bytes === undefined ? "n/a" : `${(bytes / 2 ** 20).toFixed(0)} MB`);
      const kb = (bytes?: number) => (bytes === undefined ? "n/a" : `${(bytes / 1024).toFixed(1)} KB`);
      const { before, after } = f.memory;
      rows.push(["", "server memory per subscriber: RSS / heap", `${kb(f.memory.rssBytesPerSubscriber)} / ${kb(f.memory.heapBytesPerSubscriber)}`, "", ""]);
      rows.push(["", "server RSS per subscriber added in the second half", kb(f.memory.rssBytesPerAddedSubscriber), "", ""]);
      rows.push(["", "server RSS / heap before → after subscribing", `${mb(before.rssBytes)} / ${mb(before.heapUsedBytes)} → ${mb(after.rssBytes)} / ${mb(after.heapUsedBytes)}`, "", ""]);
      rows.push(["", "subscriber threads in the bench", String(f.threads), "", ""]);
      if (f.serverCpuUsPerMessage !== undefined) {
        rows.push(["", "server CPU per delivered message (of which kernel)", `${f.serverCpuUsPerMessage} µs (${f.serverSystemUsPerMessage} µs)`, ...status("fan-out server CPU µs per message")]);
      }
      if (f.writeFloor) {
        const w = f.writeFloor;
        rows.push(["", `floor: one plain socket write of ${w.frameBytes} bytes to each of ${w.sockets} sockets (of which kernel)`, `${w.totalUs} µs (${w.systemUs} µs)`, "", ""]);
        if (f.serverCpuUsPerMessage !== undefined) rows.push(["", "server CPU per message ÷ floor", (f.serverCpuUsPerMessage / w.totalUs).toFixed(2), "", ""]);
      }
      if (f.cpu) rows.push(["", "CPU cores used while delivering", cpuText(f.cpu), "", ""]);
    }
    if (f.beside) {
      const load = (l: LoadResult) => `p50 ${ms(l.latencyMs.p50)} / p99 ${ms(l.latencyMs.p99)} (${rate(l.expectedPerSecond)})`;
      rows.push(["", "bookings alone (nobody watching)", load(f.beside.alone), "", ""]);
      rows.push(["", `bookings on the event ${f.subscribers} subscribers watch`, load(f.beside.watched), "", ""]);
      rows.push(["", "booking p99 beside fan-out ÷ alone", f.beside.p99Ratio.toFixed(2), ...status("booking p99 beside fan-out ÷ alone")]);
      if (f.beside.cpu) rows.push(["", "CPU cores used, bookings beside fan-out", cpuText(f.beside.cpu), "", ""]);
    }
  }
  const held = s.subscribersHeld;
  if (held) {
    const label = "5b subscribers held";
    if (held.error !== undefined) {
      rows.push([label, `${held.subscribers} subscribers on one instance (bench open-file limit ${held.benchFileLimit})`, `FAILED: ${held.error.split("\n")[0]}`, ...status("subscribers held: p99 ms")]);
    } else {
      const asked = held.askedSubscribers === undefined ? "" : ` (${held.askedSubscribers} asked: the open-file limit allows no more)`;
      rows.push([label, `${held.subscribers} subscribers × ${held.bookings} bookings delivered${asked}`, `${held.delivered} of ${held.expected}`, "", ""]);
      rows.push(["", "commit→receipt ≤ (receipt − send) p50 / p99", `${ms(held.upperBoundMs.p50)} / ${ms(held.upperBoundMs.p99)}`, ...status("subscribers held: p99 ms")]);
      const kb = (bytes?: number) => (bytes === undefined ? "n/a" : `${(bytes / 1024).toFixed(1)} KB`);
      rows.push(["", "server memory per subscriber: RSS / heap", `${kb(held.memory.rssBytesPerSubscriber)} / ${kb(held.memory.heapBytesPerSubscriber)}`, "", ""]);
      rows.push(["", "server RSS per subscriber added in the second half", kb(held.memory.rssBytesPerAddedSubscriber), "", ""]);
      rows.push(["", "server RSS after subscribing", `${(held.memory.after.rssBytes / 2 ** 20).toFixed(0)} MB`, "", ""]);
      if (held.serverCpuUsPerMessage !== undefined) rows.push(["", "server CPU per delivered message", `${held.serverCpuUsPerMessage} µs`, "", ""]);
      rows.push(["", "open-file limit: server / bench", `${held.serverFileLimit ?? "n/a"} / ${held.benchFileLimit}`, "", ""]);
    }
  }
  if (s.multiInstance) {
    for (const step of s.multiInstance.steps) {
      rows.push([
        step === s.multiInstance.steps[0] ? "6 multi-instance" : "",
        `${step.instances} instance(s): bookings (p99)`,
        `${rate(step.bookingsPerSecond)} (${ms(step.latencyMs.p99)})`,
        "",
        "",
      ]);
    }
    for (const step of s.multiInstance.steps) rows.push(["", `${step.instances} instance(s): CPU cores used`, cpuText(step.cpu), "", ""]);
    const scaling = instanceScaling(s.multiInstance);
    if (scaling) {
      const name = `multi-instance ${scaling.most} ÷ 1 bookings/s`;
      rows.push(["", `${scaling.most} instances ÷ 1: bookings/s`, scaling.ratio.toFixed(2), ...status(name)]);
    }
    for (const count of s.multiInstance.skipped) rows.push(["", `${count} instances`, "skipped: no Redis", "", ""]);
  }
  if (s.subscriptionFlood) {
    const f = s.subscriptionFlood;
    const answers = (load: typeof f.quiet) => JSON.stringify(load.outcomes);
    rows.push(["7 subscription flood", "bookings, nobody watching: p50 / p99", `${ms(f.quiet.latencyMs.p50)} / ${ms(f.quiet.latencyMs.p99)} ${answers(f.quiet)}`, "", ""]);
    rows.push(["", `bookings beside ${f.subscriptions} subscriptions (${f.topics} topics): p50 / p99`, `${ms(f.flooded.latencyMs.p50)} / ${ms(f.flooded.latencyMs.p99)} ${answers(f.flooded)}`, "", ""]);
    rows.push(["", "current values received (all after)", `${f.currentValues} of ${f.subscriptions} (${ms(f.allCurrentMs)})`, "", ""]);
  }
  if (s.queueRelease) {
    const q = s.queueRelease;
    rows.push(["10 queue release", `${q.students} students join a queue for ${q.seats} seats: join p50 / p99`, `${ms(q.joinMs.p50)} / ${ms(q.joinMs.p99)}`, "", ""]);
    rows.push(["", `the draw (shuffle ${q.students}, admit the first ${q.seats})`, ms(q.drawMs), "", ""]);
    rows.push(["", `draw → place pushed, p50 / p99 / max (${q.placesPushed} of ${q.students})`, `${ms(q.placePushedMs.p50)} / ${ms(q.placePushedMs.p99)} / ${ms(q.placePushedMs.max)}`, ...status("queue release: place pushed after the draw p99 ms")]);
    if (q.placeCpu) rows.push(["", "CPU cores used, draw → every place pushed", cpuText(q.placeCpu), "", ""]);
    for (const w of q.waves) {
      rows.push(["", `wave ${w.wave}: ${w.admitted} admitted (pushed p99), ${w.booked} booked, ${w.lapsed} lapsed`, ms(w.admittedPushMs.p99), "", ""]);
      rows.push(["", `wave ${w.wave}: booking p50 / p99`, `${ms(w.bookingMs.p50)} / ${ms(w.bookingMs.p99)}`, ...(w === q.waves[0] ? status("queue release: admitted students' booking p99 ms") : ["", ""])]);
    }
    rows.push(["", `lottery: draw of ${q.lottery.entries} entries for ${q.lottery.seats} seats (offers and emails included)`, ms(q.lottery.drawMs), ...status("queue release: lottery draw ms")]);
    rows.push(["", "correct", q.correct ? "yes" : `NO: ${q.problems.join("; ")}`, "exact", q.correct ? "met" : "NOT MET"]);
  }
  if (s.history) {
    const h = s.history;
    const load = (f: typeof h.empty) => `${rate(f.bookingsPerSecond)} (p50 ${ms(f.latencyMs.p50)} / p99 ${ms(f.latencyMs.p99)})`;
    rows.push(["8 history", `bookings, ${h.before.tickets.toLocaleString("en-US")} tickets in the database`, load(h.empty), "", ""]);
    rows.push(["", `bookings, ${h.after.tickets.toLocaleString("en-US")} tickets / ${h.after.events.toLocaleString("en-US")} events`, load(h.seeded), "", ""]);
    const cpu = (f: typeof h.empty) => `${f.serverCpuMsPerBooking ?? "n/a"} / ${f.postgresCpuMsPerBooking ?? "n/a"} ms`;
    rows.push(["", "CPU per booking, server / PostgreSQL: empty → seeded", `${cpu(h.empty)} → ${cpu(h.seeded)}`, "", ""]);
    rows.push(["", "seeded / empty: bookings/s (p50, p99)", `${h.throughputRatio.toFixed(2)} (${h.p50Ratio.toFixed(2)}, ${h.p99Ratio.toFixed(2)})`, ...status("history: seeded / empty bookings/s")]);
    // Plans are in the JSON (scenarios.history.explain); a Seq Scan of a table
    // of a few rows (quick mode) is the planner's right choice, not a finding.
    const scanning = h.explain.filter((q) => q.growingScans.length).map((q) => q.name.split(" (")[0]);
    const value = scanning.length ? `${scanning.length} of ${h.explain.length}: ${scanning.join("; ")}` : `none of ${h.explain.length}`;
    rows.push(["", "hot queries with a Seq Scan of a growing table", value, "none", scanning.length ? "NOT MET" : "met"]);
  }
  if (s.pgbouncer) rows.push(...pgbouncerRows(s.pgbouncer));
  if (s.web) rows.push(...webRows(s.web, status));
  return rows;
}

const webJsTarget = "web: student JS gzipped KB";
const webRenderTarget = (what: "first contentful paint" | "first event cards in the DOM", width: number) => `web: ${what} p50 ms at ${width} px`;

function webTargets(w?: WebResult): Target[] {
  if (!w || w.skipped || !w.student) return [];
  const js = kb(w.student.gzipBytes);
  const limit = WEB_BUDGET.firstRenderMs;
  return [
    { name: webJsTarget, value: js, target: `< ${WEB_BUDGET.studentJsGzipKb}`, met: js < WEB_BUDGET.studentJsGzipKb },
    ...w.widths.flatMap((each) => [
      { name: webRenderTarget("first contentful paint", each.width), value: each.p50.fcpMs, target: `< ${limit}`, met: each.p50.fcpMs < limit },
      { name: webRenderTarget("first event cards in the DOM", each.width), value: each.p50.firstCardsMs, target: `< ${limit}`, met: each.p50.firstCardsMs < limit },
    ]),
  ];
}

/** The student's JavaScript (raw and gzipped), the consoles' extra, then first render per width. */
function webRows(w: WebResult, status: (name: string) => string[]): string[][] {
  const label = "11 web";
  if (w.skipped || !w.student) return [[label, `${w.events} events in Chromium`, `skipped: ${w.skipped}`, "", ""]];
  const sent = (js: JsLoad) => (w.compressedByServer ? `, ${kb(js.servedBytes)} KB sent` : "");
  const size = (js: JsLoad) => `${js.files.length} files, ${kb(js.rawBytes)} KB raw / ${kb(js.gzipBytes)} KB gzipped${sent(js)}`;
  const served = w.compressedByServer ? "the server sends gzip" : "the server sends it uncompressed; gzipped here";
  const images = `${w.eventsWithImages} with an image${w.imagesNote ? ` (${w.imagesNote.replace(/: events without images$/, "")})` : ""}`;
  const rows = [
    [label, "upcoming events on the list", `${w.events}, ${images}`, "", ""],
    ["", `student's first load of / (cold): JS (${served})`, size(w.student), ...status(webJsTarget)],
    ["", "  heaviest", w.student.files.slice(0, 3).map((f) => `${f.path.replace(/^\/assets\//, "")} ${kb(f.gzipBytes)} KB`).join(", "), "", ""],
  ];
  if (w.adminExtra) rows.push(["", "admin console (/admin): extra JS, lazy", size(w.adminExtra), "", ""]);
  if (w.organiserExtra) rows.push(["", "organiser console (/organiser): extra JS, lazy", size(w.organiserExtra), "", ""]);
  const runs = `p50 of ${w.runsPerWidth} cold load${w.runsPerWidth === 1 ? "" : "s"}`;
  for (const each of w.widths) {
    const px = `${each.width} px, ${w.events} events`;
    const fcp = `${ms(each.p50.fcpMs)} (scripts run by ${ms(each.p50.domContentLoadedMs)})`;
    rows.push(["", `${px}: first contentful paint (${runs})`, fcp, ...status(webRenderTarget("first contentful paint", each.width))]);
    const cards = `${ms(each.p50.firstCardsMs)} (events query sent ${ms(each.p50.eventsQuerySentMs)}, answered ${ms(each.p50.eventsQueryAnsweredMs)})`;
    rows.push(["", `${px}: first ${each.p50.firstCards} event cards in the DOM`, cards, ...status(webRenderTarget("first event cards in the DOM", each.width))]);
    rows.push(["", `${px}: all ${w.events} cards, Load more pressed at once`, ms(each.p50.allCardsMs), "", ""]);
  }
  if (w.cpu) rows.push(["", "CPU cores used during the page loads (Chromium is other)", cpuText(w.cpu), "", ""]);
  return rows;
}

/** Throughput beside the direct connection, and each guarantee checked through the pooler (NOT MET if any broke). */
function pgbouncerRows(p: PgBouncerResult): string[][] {
  const label = "9 pgbouncer";
  if (p.skipped) return [[label, "3 instances through PgBouncer", `skipped: ${p.skipped}`, "", ""]];
  const load = (rounds?: FullStackResult[]) =>
    rounds?.length ? rounds.map((f) => `${rate(f.bookingsPerSecond)} (p99 ${ms(f.latencyMs.p99)})`).join(", ") : "n/a";
  const rows = [
    [label, `${p.version}, transaction mode: default_pool_size / client connections`, `${p.poolSize} / up to ${p.clientConnections}`, "", ""],
    ["", `${p.instances} instances direct: bookings (p99)`, load(p.direct), "", ""],
    ["", `${p.instances} instances through PgBouncer: bookings (p99)`, load(p.pooled), "", ""],
    ["", "through PgBouncer / direct (mean bookings/s)", p.ratio?.toFixed(2) ?? "n/a", "", ""],
    ["", "server connections busy at most / clients waiting at most", `${p.servers?.maxActive} / ${p.servers?.maxClientsWaiting}`, "", ""],
  ];
  const broken = p.guarantees.filter((g) => !g.held);
  rows.push(["", `guarantees through PgBouncer (${p.guarantees.length})`, broken.length ? `${broken.length} broken` : "all held", "all", p.allHeld ? "met" : "NOT MET"]);
  for (const g of broken) rows.push(["", `  ${g.name}`, g.detail, "", "NOT MET"]);
  return rows;
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

export function writeResults(path: string, results: BenchResults) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
