// Command line → benchmark options. Defaults are the figures the benchmark
// issue asks for; --quick shrinks every count so the whole run is a smoke test
// of a few seconds (its numbers prove the harness works, not the product).
import { parseArgs } from "node:util";

export const SCENARIOS = [
  "floor",
  "full-stack",
  "sale-rush",
  "sold-out",
  "fan-out",
  "subscribers-held",
  "multi-instance",
  "subscription-flood",
  "queue-release",
  "pgbouncer",
  "history",
  "web",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** C: concurrent clients for floor, full stack, sold-out and multi-instance. */
  concurrency: number;
  /** Sale rush: students pressing "book" at once, and the seats they fight for. */
  students: number;
  rushTickets: number;
  /** The second, larger sale rush (its own rows): students and seats. */
  largeRushStudents: number;
  largeRushTickets: number;
  /** Live fan-out: websocket subscribers and the sequential bookings they watch. */
  subscribers: number;
  fanoutBookings: number;
  /** Subscribers one fresh instance is asked to hold (scenario 5b), and the bookings delivered to them. */
  heldSubscribers: number;
  heldBookings: number;
  /** Subscription cohorts on the servers (WS_SUBSCRIPTION_COHORTS); --no-cohorts measures without them. */
  cohorts: boolean;
  /** Subscription flood: availability subscriptions opened beside booking (1,000 per socket). */
  floodSubscriptions: number;
  /** History scenario: tickets and events seeded into its second database. */
  historyTickets: number;
  historyEvents: number;
  /** Web scenario: upcoming events on the list, and cold page loads per width (the figures are their p50). */
  webEvents: number;
  webRuns: number;
  /** Length of each timed load (floor, full stack, each half of sold-out, each multi-instance step). */
  durationMs: number;
  /** Untimed load before each timed one: PostGraphile plans and pools warm up here. */
  warmupMs: number;
  /** Instance counts for the multi-instance scenario (needs Redis beyond 1). */
  instanceCounts: number[];
  only: ScenarioName[];
  quick: boolean;
  /** Owner/superuser URL of a server where we may create databases; unset = embedded PostgreSQL. */
  databaseUrl?: string;
  /** Clone the scratch database from this (already migrated) template instead of migrating. */
  templateDatabase?: string;
  /** Password of ticketing_authenticator when the server checks passwords. */
  authenticatorPassword?: string;
  redisUrl?: string;
  /** Embedded PostgreSQL of the bench: its own data dir and port, never npm start's. */
  embeddedDataDir: string;
  embeddedPort: number;
  /** Where the JSON results go; null = don't write. */
  out: string | null;
  /** Run the server processes under `node --cpu-prof`, profiles in this directory. */
  cpuProfDir?: string;
  /** Progress lines (stderr by default). */
  log: (line: string) => void;
}

const FULL = {
  concurrency: 32,
  students: 2000,
  rushTickets: 300,
  largeRushStudents: 10_000,
  largeRushTickets: 1_000,
  subscribers: 10_000,
  fanoutBookings: 200,
  heldSubscribers: 50_000,
  heldBookings: 20,
  floodSubscriptions: 6_000,
  historyTickets: 1_000_000,
  historyEvents: 10_000,
  webEvents: 200,
  webRuns: 5,
  durationMs: 10_000,
  warmupMs: 2_000,
  instanceCounts: [1, 2, 3],
};

const QUICK = {
  concurrency: 4,
  students: 50,
  rushTickets: 30,
  largeRushStudents: 120,
  largeRushTickets: 40,
  subscribers: 20,
  fanoutBookings: 10,
  heldSubscribers: 40,
  heldBookings: 3,
  floodSubscriptions: 300,
  historyTickets: 20_000,
  historyEvents: 100,
  webEvents: 200,
  webRuns: 1,
  durationMs: 1_000,
  warmupMs: 300,
  instanceCounts: [1, 2],
};

export function defaultOptions(overrides: Partial<BenchOptions> = {}): BenchOptions {
  const sizes = overrides.quick ? QUICK : FULL;
  return {
    ...sizes,
    only: [...SCENARIOS],
    quick: false,
    cohorts: true,
    databaseUrl: process.env.DATABASE_URL || undefined,
    authenticatorPassword: process.env.AUTHENTICATOR_PASSWORD || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    embeddedDataDir: ".data/bench",
    embeddedPort: Number(process.env.BENCH_EMBEDDED_PG_PORT || 5436),
    out: overrides.quick ? "bench/results/latest-quick.json" : "bench/results/latest.json",
    log: (line) => process.stderr.write(`${line}\n`),
    ...overrides,
  };
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: "string", short: "c" },
      students: { type: "string" },
      "rush-tickets": { type: "string" },
      "large-rush-students": { type: "string" },
      "large-rush-tickets": { type: "string" },
      subscribers: { type: "string" },
      "fanout-bookings": { type: "string" },
      "held-subscribers": { type: "string" },
      "held-bookings": { type: "string" },
      "no-cohorts": { type: "boolean", default: false },
      "flood-subscriptions": { type: "string" },
      "history-tickets": { type: "string" },
      "history-events": { type: "string" },
      "web-events": { type: "string" },
      "web-runs": { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      instances: { type: "string" },
      only: { type: "string", multiple: true },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      "cpu-prof-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `npm run bench -- [--quick] [--only <scenario>]... [--concurrency 32] [--students 2000] [--rush-tickets 300]\n` +
        `  [--large-rush-students 10000] [--large-rush-tickets 1000]\n` +
        `  [--subscribers 10000] [--fanout-bookings 200] [--held-subscribers 50000] [--held-bookings 20] [--no-cohorts]\n  [--flood-subscriptions 6000]\n  [--history-tickets 1000000] [--history-events 10000] [--web-events 200] [--web-runs 5]\n  [--duration <s>] [--warmup <s>] [--instances 1,2,3]\n` +
        `  [--out bench/results/latest.json] [--cpu-prof] [--cpu-prof-dir <dir>]\n` +
        `Scenarios: ${SCENARIOS.join(", ")}. Env: DATABASE_URL, REDIS_URL, AUTHENTICATOR_PASSWORD, BENCH_EMBEDDED_PG_PORT.\n`,
    );
    process.exit(0);
  }
  const only = (values.only ?? []).flatMap((v) => v.split(",")).filter(Boolean);
  for (const name of only) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario ${name} (${SCENARIOS.join(", ")})`);
  }
  const seconds = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const s = Number(v);
    if (!(s > 0)) throw new Error(`--${name} must be a positive number of seconds`);
    return Math.round(s * 1000);
  };
  const base = defaultOptions({ quick: values.quick });
  const pick = <T>(v: T | undefined, d: T) => (v === undefined ? d : v);
  return {
    ...base,
    concurrency: pick(positive("concurrency", values.concurrency), base.concurrency),
    students: pick(positive("students", values.students), base.students),
    rushTickets: pick(positive("rush-tickets", values["rush-tickets"]), base.rushTickets),
    largeRushStudents: pick(positive("large-rush-students", values["large-rush-students"]), base.largeRushStudents),
    largeRushTickets: pick(positive("large-rush-tickets", values["large-rush-tickets"]), base.largeRushTickets),
    subscribers: pick(positive("subscribers", values.subscribers), base.subscribers),
    fanoutBookings: pick(positive("fanout-bookings", values["fanout-bookings"]), base.fanoutBookings),
    heldSubscribers: pick(positive("held-subscribers", values["held-subscribers"]), base.heldSubscribers),
    heldBookings: pick(positive("held-bookings", values["held-bookings"]), base.heldBookings),
    cohorts: !values["no-cohorts"],
    floodSubscriptions: pick(positive("flood-subscriptions", values["flood-subscriptions"]), base.floodSubscriptions),
    historyTickets: pick(positive("history-tickets", values["history-tickets"]), base.historyTickets),
    historyEvents: pick(positive("history-events", values["history-events"]), base.historyEvents),
    webEvents: pick(positive("web-events", values["web-events"]), base.webEvents),
    webRuns: pick(positive("web-runs", values["web-runs"]), base.webRuns),
    durationMs: pick(seconds("duration", values.duration), base.durationMs),
    warmupMs: pick(seconds("warmup", values.warmup), base.warmupMs),
    instanceCounts: values.instances
      ? values.instances.split(",").map((v) => positive("instances", v)!)
      : base.instanceCounts,
    only: only.length ? (only as ScenarioName[]) : base.only,
    out: pick(values.out, base.out),
    // --cpu-prof-dir keeps one run's profiles apart from another's (implies --cpu-prof).
    cpuProfDir: values["cpu-prof-dir"] ?? (values["cpu-prof"] ? "bench/results/profiles" : undefined),
  };
}
