// The client a request comes from, as every per-address limit counts it
// (websocket connections, subscriptions started, failed sign-ins, signups: the
// last two in SQL, through the `ticketing.client_address` setting).
//
// Which address: behind a reverse proxy every request comes from the proxy, so
// X-Forwarded-For is believed only from the proxies named in TRUST_PROXY
// (proxy-addr, as Express's "trust proxy" uses it); by default nothing is
// trusted and the socket's own address counts: a client cannot pick its address
// by sending a header.
//
// Which client: one client has many spellings of its address, and each would
// otherwise be a bucket of its own. An IPv4 address written as IPv6
// (`::ffff:1.2.3.4`, what a dual-stack listener reports) is that IPv4 address;
// an IPv6 client holds a whole /64 (a home or phone network gets at least
// that), so IPv6 addresses count by their prefix (CLIENT_IPV6_PREFIX_LENGTH);
// and the machine's own loopback addresses (127.0.0.0/8, ::1) are one client.
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyAddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

const TRUST_NOTHING: TrustProxy = () => false;

/** What a client's addresses count as, for IPv6 (a /64 by default). */
export const DEFAULT_IPV6_PREFIX_LENGTH = 64;

/** The key of every loopback address. */
export const LOOPBACK = "loopback";

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

/**
 * One canonical string per client: `1.2.3.4` (also for `::ffff:1.2.3.4`),
 * `2001:db8:1:2::/64` for any address of that /64, `loopback` for 127.0.0.0/8
 * and ::1. Anything that is not an address (a proxy's odd header) is kept as
 * it is, bounded.
 */
export function addressKey(address: string, ipv6PrefixLength = DEFAULT_IPV6_PREFIX_LENGTH): string {
  const bare = address.trim().replace(/%.*$/, ""); // a link-local address's zone (fe80::1%eth0)
  if (!ipaddr.isValid(bare)) return address.slice(0, 100);
  const parsed = ipaddr.process(bare); // ::ffff:1.2.3.4 → 1.2.3.4
  if (parsed.range() === "loopback") return LOOPBACK;
  if (parsed.kind() === "ipv4" || ipv6PrefixLength >= 128) return parsed.toString();
  const bytes = parsed.toByteArray();
  for (let bit = ipv6PrefixLength; bit < 128; bit++) bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
  return `${ipaddr.fromByteArray(bytes).toString()}/${ipv6PrefixLength}`;
}

export interface ClientAddressSettings {
  /** TRUST_PROXY (default: trust nothing). */
  trustProxy?: string;
  /** CLIENT_IPV6_PREFIX_LENGTH (default 64). */
  ipv6PrefixLength?: number;
}

const resolved = new WeakMap<IncomingMessage, string>();

/**
 * A server's way of naming clients (its own TRUST_PROXY and prefix length):
 * resolves a request's client once (the server does it for every HTTP request
 * and websocket upgrade as it arrives), after which clientAddress(req) gives
 * the same answer anywhere.
 */
export function clientAddresses(settings: ClientAddressSettings = {}) {
  const trust = parseTrustProxy(settings.trustProxy);
  const prefix = settings.ipv6PrefixLength ?? DEFAULT_IPV6_PREFIX_LENGTH;
  return (req: IncomingMessage): string => {
    let key = resolved.get(req);
    if (key === undefined) resolved.set(req, (key = resolve(req, trust, prefix)));
    return key;
  };
}

function resolve(req: IncomingMessage, trust: TrustProxy, ipv6PrefixLength: number): string {
  // proxy-addr reads req.socket.remoteAddress (absent once the socket has closed); trusting nobody, it is the answer.
  const address = trust === TRUST_NOTHING ? req.socket.remoteAddress : proxyAddr(req, trust);
  return knownAddressKey(address ?? "", ipv6PrefixLength);
}

/**
 * Keys of the addresses seen lately. Parsing an address (ipaddr.js) was the
 * largest cost our code added to a request in the sale-rush profile, and a
 * crowd comes from far fewer addresses than requests. Bounded: emptied when
 * full, so a client cycling through the addresses of its /64 only empties it.
 */
const keys = new Map<string, string>();
const MAX_KNOWN_KEYS = 10_000;

function knownAddressKey(address: string, ipv6PrefixLength: number): string {
  const known = ipv6PrefixLength === DEFAULT_IPV6_PREFIX_LENGTH ? address : `${ipv6PrefixLength} ${address}`;
  let key = keys.get(known);
  if (key === undefined) {
    if (keys.size >= MAX_KNOWN_KEYS) keys.clear();
    keys.set(known, (key = addressKey(address, ipv6PrefixLength)));
  }
  return key;
}

/** The client of a request, as its server resolved it (else its socket's address, trusting no header). */
export function clientAddress(req: IncomingMessage): string {
  return resolved.get(req) ?? resolve(req, TRUST_NOTHING, DEFAULT_IPV6_PREFIX_LENGTH);
}
