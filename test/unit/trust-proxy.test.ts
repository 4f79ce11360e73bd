// TRUST_PROXY: whose X-Forwarded-For is believed. A proxy trusted by mistake
// lets any client pick the address the per-address limits count, so the
// setting is parsed strictly and refused at start when it means nothing.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { parseTrustProxy } from "../../src/http/client-address.ts";

/** The addresses a parsed setting trusts at a given hop (0: the socket's peer). */
function trusted(setting: string | undefined, addresses: string[], hop = 0) {
  const trust = parseTrustProxy(setting);
  return addresses.filter((address) => trust(address, hop));
}

const everyKind = ["127.0.0.1", "::1", "10.0.0.5", "172.16.0.1", "192.168.1.1", "fd00::1", "169.254.0.1", "fe80::1", "203.0.113.7", "2001:db8::1"];

describe("parseTrustProxy", () => {
  it("trusts nothing when unset, empty, blank, false or 0", () => {
    for (const setting of [undefined, "", "  ", "false", "0"]) {
      expect(trusted(setting, everyKind), JSON.stringify(setting)).toEqual([]);
      expect(trusted(setting, everyKind, 3), JSON.stringify(setting)).toEqual([]);
    }
  });

  it("a hop count trusts that many hops nearest the server, whatever their address", () => {
    expect(trusted("2", everyKind, 0)).toEqual(everyKind);
    expect(trusted(" 2 ", everyKind, 1)).toEqual(everyKind);
    expect(trusted("2", everyKind, 2)).toEqual([]);
    expect(trusted("1", everyKind, 1)).toEqual([]);
  });

  it("names trust their ranges, IPv4 and IPv6", () => {
    expect(trusted("loopback", everyKind)).toEqual(["127.0.0.1", "::1"]);
    expect(trusted("uniquelocal", everyKind)).toEqual(["10.0.0.5", "172.16.0.1", "192.168.1.1", "fd00::1"]);
    expect(trusted("linklocal", everyKind)).toEqual(["169.254.0.1", "fe80::1"]);
  });

  it("a list of addresses and CIDR ranges trusts exactly those, at every hop", () => {
    const setting = "10.0.0.0/8, 203.0.113.7,2001:db8::/32,";
    const addresses = ["10.255.0.1", "11.0.0.1", "203.0.113.7", "203.0.113.8", "2001:db8::9", "2001:db9::9", "127.0.0.1"];
    expect(trusted(setting, addresses)).toEqual(["10.255.0.1", "203.0.113.7", "2001:db8::9"]);
    expect(trusted(setting, addresses, 4)).toEqual(["10.255.0.1", "203.0.113.7", "2001:db8::9"]);
  });

  it("throws on anything else (no 'trust everyone')", () => {
    for (const setting of ["true", "not-an-address", "10.0.0.0/33", "1.2.3", "-1", "2.5", "10.0.0.1 10.0.0.2", "loopback,nearby"]) {
      expect(() => parseTrustProxy(setting), setting).toThrow();
    }
  });
});

describe("TRUST_PROXY in the configuration", () => {
  it("defaults to trusting nothing and keeps a valid list as written", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe("");
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toBe("loopback, 10.0.0.0/8");
    expect(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe("1");
  });

  it("refuses an invalid value at start, naming the setting and what it takes", () => {
    for (const value of ["true", "10.0.0.0/33", "proxy.example.edu"]) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY: must be a hop count or a comma-separated list/);
    }
  });
});
