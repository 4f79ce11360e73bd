// Per-address limits hold per client, however its address is spelt, against a
// production-mode server: a client on this machine connecting over 127.0.0.1,
// another 127.x address or ::1, and clients behind a trusted proxy
// (TRUST_PROXY as CIDRs) named by any address of one IPv6 /64 or by an IPv4
// address written as IPv6. Each spelling used to be a bucket of its own.
import { createConnection } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RunningServer } from "../../src/server.ts";
import { startTestServer, useTestServer } from "../helpers/app.ts";

const CAP = 3;
const t = useTestServer({ production: true, overrides: { websockets: { maxConnectionsPerAddress: CAP } } });
/** Behind a proxy on this machine, trusted by CIDR (as an operator should name it). */
let behindProxy: RunningServer;
beforeAll(async () => {
  behindProxy = await startTestServer(t.db, {
    production: true,
    overrides: { trustProxy: "127.0.0.0/8, ::1/128", websockets: { maxConnectionsPerAddress: CAP } },
  });
});
afterAll(() => behindProxy?.close());

const open: WebSocket[] = [];
afterAll(() => open.forEach((socket) => socket.terminate()));

/** A websocket upgrade to `host` (from `localAddress`, if given): kept open, or the HTTP status it was refused with. */
function connect(server: RunningServer, options: { host?: string; localAddress?: string; forwardedFor?: string } = {}) {
  const { port } = new URL(server.url);
  const host = options.host ?? "127.0.0.1";
  return new Promise<"open" | number>((resolve, reject) => {
    const socket = new WebSocket(`ws://${host.includes(":") ? `[${host}]` : host}:${port}/graphql`, "graphql-transport-ws", {
      localAddress: options.localAddress,
      headers: options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {},
    });
    socket.once("open", () => {
      open.push(socket);
      resolve("open");
    });
    socket.once("unexpected-response", (_req, res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    socket.once("error", reject);
  });
}

/** Whether this machine has IPv6 loopback (it does here; the IPv4 spellings alone still make the point elsewhere). */
function ipv6Loopback(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createConnection({ host: "::1", port }, () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
}

describe("websocket connections per address", () => {
  it("count one client on this machine once, over 127.0.0.1, 127.0.0.2 and ::1 alike", async () => {
    const spellings: { host?: string; localAddress?: string }[] = [{ host: "127.0.0.1" }, { host: "127.0.0.1", localAddress: "127.0.0.2" }];
    if (await ipv6Loopback(Number(new URL(t.server.url).port))) spellings.push({ host: "::1" });
    console.log(`loopback spellings tried: ${spellings.map((s) => s.localAddress ?? s.host).join(", ")}`);

    const answers: ("open" | number)[] = [];
    // Four attempts per spelling, in turn: one at a time, so the count is exact.
    for (let round = 0; round < 4; round++) {
      for (const spelling of spellings) answers.push(await connect(t.server, spelling));
    }
    expect(answers.filter((a) => a === "open")).toHaveLength(CAP);
    expect(answers.filter((a) => a === 429)).toHaveLength(4 * spellings.length - CAP);
  });

  it("behind a trusted proxy, count every address of one IPv6 /64 as one client, and an IPv4 address written as IPv6 as itself", async () => {
    const sameNetwork = await Promise.all(
      Array.from({ length: 12 }, (_, i) => connect(behindProxy, { forwardedFor: `2001:db8:77:1::${(i + 1).toString(16)}` })),
    );
    expect(sameNetwork.filter((a) => a === "open")).toHaveLength(CAP);
    expect(sameNetwork.filter((a) => a === 429)).toHaveLength(12 - CAP);
    // Another /64 is another client.
    expect(await connect(behindProxy, { forwardedFor: "2001:db8:77:2::1" })).toBe("open");

    const ipv4 = [];
    for (const address of ["198.51.100.77", "::ffff:198.51.100.77", "::FFFF:c633:644d", "198.51.100.77", "::ffff:198.51.100.77"]) {
      ipv4.push(await connect(behindProxy, { forwardedFor: address }));
    }
    expect(ipv4).toEqual(["open", "open", "open", 429, 429]);
  });
});

describe("sign-in and signup throttling per address (counted in SQL)", () => {
  async function withLimit(rule: string, maxHits: number, work: () => Promise<void>) {
    const { rows } = await t.db.owner.query("select max_hits from app_private.throttle_rules where rule = $1", [rule]);
    await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, maxHits]);
    try {
      await work();
    } finally {
      await t.db.owner.query("update app_private.throttle_rules set max_hits = $2 where rule = $1", [rule, rows[0].max_hits]);
    }
  }
  let nextEmail = 1;
  const signup = async (forwardedFor: string) => {
    const response = await fetch(`${behindProxy.url}/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ name: "Mallory", email: `addresses-${process.pid}-${nextEmail++}@example.edu`, password: "correct horse" }),
    });
    await response.body?.cancel();
    return response.status;
  };
  const login = async (forwardedFor: string) => {
    const response = await fetch(`${behindProxy.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email: `nobody-${nextEmail++}@example.edu`, password: "wrong password" }),
    });
    await response.body?.cancel();
    return response.status;
  };

  it("count signups from every address of one /64 together, and from one IPv4 address however it is written", async () => {
    await withLimit("signups_per_address", 3, async () => {
      const statuses = [];
      for (let i = 1; i <= 5; i++) statuses.push(await signup(`2001:db8:88:1:${i}::${i}`));
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(await signup("2001:db8:88:2::1")).toBe(201); // another network

      const ipv4 = [];
      for (const address of ["::ffff:198.51.100.88", "198.51.100.88", "::ffff:c633:6458", "198.51.100.88"]) ipv4.push(await signup(address));
      expect(ipv4).toEqual([201, 201, 201, 429]);
    });
    const { rows } = await t.db.owner.query(
      "select subject from app_private.throttle_counters where rule = 'signups_per_address' and subject like '%:88:%' order by subject",
    );
    expect(rows.map((row) => row.subject)).toEqual(["2001:db8:88:1::/64", "2001:db8:88:2::/64"]);
  });

  it("count failed sign-ins from every address of one /64 together", async () => {
    await withLimit("sign_in_failures_per_address", 2, async () => {
      const statuses = [];
      for (let i = 1; i <= 4; i++) statuses.push(await login(`2001:db8:99:1::${i}`));
      expect(statuses).toEqual([401, 401, 429, 429]);
    });
  });
});
