// Where /metrics is served and to whom, decided from the settings alone
// (the served answers themselves: test/ops/metrics.test.ts).
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { authorized, servedOnMainPort } from "../../src/metrics/endpoint.ts";

const token = "a-metrics-token-of-at-least-32-characters";

describe("servedOnMainPort", () => {
  it("production: only with a token", () => {
    expect(servedOnMainPort({}, true)).toBe(false);
    expect(servedOnMainPort({ port: 9464 }, true)).toBe(false);
    expect(servedOnMainPort({ token }, true)).toBe(true);
    expect(servedOnMainPort({ token, port: 9464 }, true)).toBe(true);
  });

  it("development: also without one, unless a port of its own serves it", () => {
    expect(servedOnMainPort({}, false)).toBe(true);
    expect(servedOnMainPort({ port: 9464 }, false)).toBe(false);
  });
});

describe("authorized", () => {
  it("wants exactly `Bearer <token>` when a token is set", () => {
    expect(authorized(`Bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, "", token, `bearer ${token}`, `Bearer ${token} `, `Bearer ${token.slice(1)}`, "Bearer "]) {
      expect(authorized(header, token), String(header)).toBe(false);
    }
  });

  it("lets anyone in where no token is set (the listener of its own, development)", () => {
    expect(authorized(undefined, undefined)).toBe(true);
  });
});

describe("METRICS_* settings", () => {
  it("are read and defaulted", () => {
    const config = loadConfig({ METRICS_PORT: "9464", METRICS_TOKEN: token });
    expect(config).toMatchObject({ METRICS_PORT: 9464, METRICS_TOKEN: token, METRICS_HOST: "127.0.0.1" });
    const unset = loadConfig({});
    expect([unset.METRICS_PORT, unset.METRICS_TOKEN]).toEqual([undefined, undefined]);
  });

  it("refuse a short token, a port equal to PORT, an odd host", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
    expect(() => loadConfig({ PORT: "8080", METRICS_PORT: "8080" })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_HOST: "example.edu/metrics" })).toThrow(ConfigError);
  });
});
