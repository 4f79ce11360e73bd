// Who a request's client is, for every per-address limit (src/http/client-address.ts):
// one key per client however its address is spelt, and X-Forwarded-For only
// from a trusted proxy.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, clientAddresses, parseTrustProxy } from "../../src/http/client-address.ts";

describe("addressKey", () => {
  it("counts an IPv4 address written as IPv6 (a dual-stack listener's view) as that IPv4 address", () => {
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::FFFF:c633:6407")).toBe("198.51.100.7");
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
  });

  it("counts every IPv6 address of one /64 as one client, however it is written", () => {
    const key = "2001:db8:1:2::/64";
    for (const address of ["2001:db8:1:2::1", "2001:DB8:1:2::FFFF", "2001:0db8:0001:0002:0000:0000:0000:0003", "2001:db8:1:2:aaaa:bbbb:cccc:dddd"]) {
      expect(addressKey(address), address).toBe(key);
    }
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80::/64"); // the zone is no part of the client
  });

  it("takes another prefix length when the operator sets one", () => {
    expect(addressKey("2001:db8:1:2ff::1", 56)).toBe("2001:db8:1:200::/56");
    expect(addressKey("2001:db8:1:2::1", 128)).toBe("2001:db8:1:2::1");
    expect(addressKey("2001:db8:1:2::1", 48)).toBe("2001:db8:1::/48");
  });

  it("counts the machine's own loopback addresses as one client", () => {
    for (const address of ["127.0.0.1", "127.0.0.2", "127.255.0.9", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) {
      expect(addressKey(address), address).toBe("loopback");
    }
  });

  it("keeps what is not an address as it is, bounded", () => {
    expect(addressKey("unknown")).toBe("unknown");
    expect(addressKey("x".repeat(500))).toHaveLength(100);
    expect(addressKey("")).toBe("");
  });
});

describe("clientAddresses", () => {
  const fakeRequest = (remoteAddress: string, forwardedFor?: string) =>
    ({ headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it("takes the address from X-Forwarded-For only behind a trusted proxy (TRUST_PROXY)", () => {
    const header = "198.51.100.9, 203.0.113.7";
    expect(clientAddresses()(fakeRequest("10.0.0.5", header))).toBe("10.0.0.5"); // default: trust nothing
    // The proxy's view; 203.0.113.7 is not trusted.
    expect(clientAddresses({ trustProxy: "10.0.0.0/8" })(fakeRequest("10.0.0.5", header))).toBe("203.0.113.7");
    expect(clientAddresses({ trustProxy: "2" })(fakeRequest("10.0.0.5", header))).toBe("198.51.100.9");
    expect(() => parseTrustProxy("not-an-address")).toThrow();
  });

  it("keys a forwarded address like a socket's, and trusts a proxy reached over IPv4-mapped IPv6", () => {
    const behindProxy = clientAddresses({ trustProxy: "10.0.0.0/8" });
    expect(behindProxy(fakeRequest("::ffff:10.0.0.5", "2001:db8:1:2::77"))).toBe("2001:db8:1:2::/64");
    expect(behindProxy(fakeRequest("::ffff:10.0.0.5", "::ffff:198.51.100.9"))).toBe("198.51.100.9");
    expect(clientAddresses({ trustProxy: "10.0.0.0/8", ipv6PrefixLength: 128 })(fakeRequest("10.0.0.5", "2001:db8:1:2::77"))).toBe("2001:db8:1:2::77");
  });

  it("resolves a request once: clientAddress(req) then answers as the request's server did", () => {
    const req = fakeRequest("10.0.0.5", "198.51.100.9");
    expect(clientAddress(fakeRequest("10.0.0.5", "198.51.100.9"))).toBe("10.0.0.5"); // unresolved: the socket, no header believed
    expect(clientAddresses({ trustProxy: "10.0.0.5" })(req)).toBe("198.51.100.9");
    expect(clientAddress(req)).toBe("198.51.100.9");
  });
});
