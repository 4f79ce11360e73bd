// The monitoring files under deploy/ name metrics that exist: a renamed or
// removed metric breaks this test, not an operator's dashboard on sale day.
// Also: every alert says how long, how bad and what to do. (`promtool check
// rules deploy/prometheus/alerts.yml` and `promtool test rules
// deploy/prometheus/alerts.test.yml` check the PromQL itself where promtool is installed.)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { databaseRegistries, registry } from "../../src/metrics/index.ts";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

/** Series names the registry exposes (histograms: _bucket, _sum, _count). */
async function exposedNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of (await Promise.all([registry, ...databaseRegistries].map((r) => r.getMetricsAsJSON()))).flat()) {
    names.add(metric.name);
    if (String(metric.type) === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
  }
  return names;
}

/** Metric names in a PromQL expression: identifiers of ours or Node's (functions and labels are not). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:ticketing|process|nodejs)_[a-zA-Z0-9_]+)\b/g)].map((m) => m[1]!);
}

describe("deploy/prometheus/alerts.yml", () => {
  const rules = (parse(read("deploy/prometheus/alerts.yml")) as { groups: { rules: any[] }[] }).groups.flatMap((g) => g.rules);

  it("has the three alerts: error rate, booking p99, worker lag", () => {
    expect(rules.map((r) => r.alert).sort()).toEqual(["TicketingBookingLatencyHigh", "TicketingHighErrorRate", "TicketingWorkerLagging"]);
  });

  it("each waits before firing, has a severity, and tells the operator what it means and what to do", () => {
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(["critical", "warning"], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.length, rule.alert).toBeGreaterThan(20);
      expect(rule.annotations?.description?.length, rule.alert).toBeGreaterThan(100);
    }
  });

  it("names only metrics the registry defines", async () => {
    const names = await exposedNames();
    for (const rule of rules) {
      const used = metricsIn(rule.expr);
      expect(used.length, rule.alert).toBeGreaterThan(0);
      for (const name of used) expect(names, `${rule.alert}: ${name}`).toContain(name);
    }
  });

  it.runIf(existsSync("/usr/bin/promtool"))("passes promtool's rule check and its unit tests (the alerts fire when they should)", () => {
    const cwd = new URL("deploy/prometheus/", root).pathname;
    execFileSync("promtool", ["check", "rules", "alerts.yml"], { cwd, stdio: "pipe" });
    execFileSync("promtool", ["test", "rules", "alerts.test.yml"], { cwd, stdio: "pipe" });
  });
});

describe("deploy/prometheus/prometheus.yml", () => {
  it("scrapes the API and the worker and loads the alerts", () => {
    const config = parse(read("deploy/prometheus/prometheus.yml")) as { rule_files: string[]; scrape_configs: { job_name: string }[] };
    expect(config.rule_files).toEqual(["alerts.yml"]);
    expect(config.scrape_configs.map((c) => c.job_name)).toEqual(["ticketing-api", "ticketing-worker"]);
  });
});

describe("deploy/grafana/ticketing-dashboard.json", () => {
  const dashboard = JSON.parse(read("deploy/grafana/ticketing-dashboard.json"));
  const panels = (dashboard.panels as any[]).filter((p) => p.type !== "row");

  it("takes its Prometheus from a datasource variable", () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: "DS_PROMETHEUS", type: "datasource", query: "prometheus" }));
    for (const panel of panels) {
      expect(panel.datasource.uid, panel.title).toBe("${DS_PROMETHEUS}");
      for (const target of panel.targets) expect(target.datasource.uid, panel.title).toBe("${DS_PROMETHEUS}");
    }
  });

  it("has a panel for each thing an operator watches, on metrics the registry defines", async () => {
    const names = await exposedNames();
    const used = new Set<string>();
    for (const panel of panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        for (const name of metricsIn(target.expr)) {
          expect(names, `${panel.title}: ${name}`).toContain(name);
          used.add(name);
        }
      }
    }
    for (const needed of [
      "ticketing_bookings_total",
      "ticketing_booking_duration_seconds_bucket",
      "ticketing_booking_batch_size_bucket",
      "ticketing_booking_lock_wait_seconds_bucket",
      "ticketing_booking_lock_timeouts_total",
      "ticketing_booking_lock_fallbacks_total",
      "ticketing_db_pool_connections",
      "ticketing_db_pool_waiting",
      "ticketing_websocket_connections",
      "ticketing_availability_subscriptions",
      "ticketing_availability_delivery_seconds_bucket",
      "ticketing_worker_queue_jobs",
      "ticketing_worker_jobs_total",
      "ticketing_outbox_oldest_unsent_age_seconds",
      "ticketing_holds_expired_total",
      "ticketing_payments",
      "ticketing_throttled_total",
      "ticketing_http_requests_total",
    ]) {
      expect(used, needed).toContain(needed);
    }
  });

  it("lays panels out without overlap", () => {
    const cells = new Set<string>();
    for (const panel of dashboard.panels as any[]) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), panel.title).toBe(false);
          cells.add(`${i},${j}`);
        }
      }
    }
  });
});
