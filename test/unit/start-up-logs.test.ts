import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { prettyLogsWanted } from "../../src/log.ts";

describe("start-up logs", () => {
  it("are readable in a terminal outside production and JSON lines otherwise, unless LOG_FORMAT says", () => {
    expect(prettyLogsWanted({}, true)).toBe(true);
    expect(prettyLogsWanted({}, false)).toBe(false);
    expect(prettyLogsWanted({ NODE_ENV: "production" }, true)).toBe(false);
    expect(prettyLogsWanted({ LOG_FORMAT: "json" }, true)).toBe(false);
    expect(prettyLogsWanted({ LOG_FORMAT: "pretty", NODE_ENV: "production" }, false)).toBe(true);
  });

  it("LOG_FORMAT and HOST are checked with the rest of the configuration", () => {
    expect(() => loadConfig({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
    expect(() => loadConfig({ HOST: "not a host!" })).toThrow(/HOST: must be a host name or an IP address/);
    expect(loadConfig({ HOST: "127.0.0.1" }).HOST).toBe("127.0.0.1");
    expect(loadConfig({}).HOST).toBeUndefined();
  });
});
