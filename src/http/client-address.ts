// The address a request comes from, for per-client limits (websocket
// connections, sign-in throttling). Behind a reverse proxy every request comes
// from the proxy, so X-Forwarded-For is believed only from the proxies named
// in TRUST_PROXY (proxy-addr, as Express's "trust proxy" uses it); by default
// nothing is trusted and the socket's own address counts: a client cannot
// pick its address by sending a header.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

const TRUST_NOTHING: TrustProxy = () => false;
let trust: TrustProxy = TRUST_NOTHING;

/**
 * Parse a TRUST_PROXY value: empty or "false" (trust nothing), a number of hops
 * to trust, or a comma-separated list of addresses, CIDR ranges and the names
 * loopback, linklocal, uniquelocal. Throws on an invalid entry.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false") return TRUST_NOTHING;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(text.split(",").map((entry) => entry.trim()).filter(Boolean));
}

/** Set once at start (src/server.ts) from the configuration. */
export function setTrustProxy(value: TrustProxy) {
  trust = value;
}

export function clientAddress(req: IncomingMessage): string {
  return proxyAddr(req, trust);
}
