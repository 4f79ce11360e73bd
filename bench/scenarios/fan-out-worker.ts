// One thread of the fan-out scenario's subscribers (bench/scenarios/fan-out.ts).
// At 10,000 subscribers one thread decoding every message would itself be the
// slowest part of the measurement (the last subscriber's receipt waits for the
// 9,999 decoded before it), so the sockets are spread over a few threads. Each
// records when each value arrived on the shared clock (performance.timeOrigin +
// performance.now(), milliseconds since the epoch, the same in every thread).
//
// Messages: in  { type: "connect" } | { type: "collect" } | { type: "close" }
//              | { type: "quiet" }                                        (stop recording: a load follows)
//           out { type: "counts", counts: [remaining, subscribers][] }   (as values arrive, coalesced)
//               { type: "connected", opened, failed, error? }
//               { type: "ended", error? }                                (a subscriber's subscription ended)
//               { type: "times", times: [remaining, Float64Array][] }    (receipt times, ms since the epoch)
//               { type: "closed" }
import { randomUUID } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { SubscriberTally } from "./subscriber-tally.ts";

export interface FanOutWorkerData {
  url: string;
  eventId: number;
  subscribers: number;
  /** The first value (total tickets): every subscriber must have it before the next batch connects. */
  total: number;
  connectBatch: number;
  waitMs: number;
  /**
   * Source addresses to spread the sockets over (127.0.<run>.x): one address
   * reaches one server port from at most 28,232 ephemeral ports here
   * (net.ipv4.ip_local_port_range), fewer than 50,000 subscribers need.
   */
  localAddresses: string[];
}

const SUBSCRIPTION = "subscription($id:Int!){ eventAvailability(eventId:$id){ eventId ticketsRemaining version } }";

const data = workerData as FanOutWorkerData;
const port = parentPort!;
const now = () => performance.timeOrigin + performance.now();

const sockets: WebSocket[] = [];
/** remaining → receipt times. */
const times = new Map<number, number[]>();
const tally = new SubscriberTally();
let pending = new Map<number, number>();
let flushing = false;
let firstError: string | undefined;
/** Off once the measured bookings are collected: later values (a booking load) are not recorded. */
let recording = true;
let opened = 0;

function flush() {
  flushing = false;
  if (pending.size === 0) return;
  port.postMessage({ type: "counts", counts: [...pending] });
  pending = new Map();
}

/**
 * One subscriber speaking graphql-transport-ws itself over a `ws` socket:
 * connection_init, subscribe once acknowledged, then every frame parsed and
 * checked as a client would (its own operation id, a `next` carrying
 * ticketsRemaining), pings answered. The receivers share the machine with the
 * server, so they do only that: the graphql-ws client's machinery per message
 * (about twice the server's CPU per message here) would take the server's core
 * and be measured as the server's delivery time.
 */
function subscribe() {
  const localAddress = data.localAddresses[opened++ % data.localAddresses.length];
  const socket = new WebSocket(`${data.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { localAddress, perMessageDeflate: false });
  sockets.push(socket);
  const id = randomUUID(); // as the graphql-ws client makes its ids
  const received = new Set<number>();
  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    tally.lost();
    const message = error ? String((error as Error)?.message ?? JSON.stringify(error)) : undefined;
    firstError ??= message;
    port.postMessage({ type: "ended", error: message });
  };
  tally.joined();
  socket.on("open", () => socket.send('{"type":"connection_init","payload":{}}'));
  socket.on("message", (frame) => {
    const at = now();
    const message = JSON.parse(String(frame)) as { id?: string; type: string; payload?: any };
    if (message.type === "connection_ack") {
      socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: SUBSCRIPTION, variables: { id: data.eventId } } }));
    } else if (message.type === "ping") {
      socket.send('{"type":"pong"}');
    } else if (message.type === "next" && message.id === id) {
      if (!recording) return;
      const remaining = message.payload?.data?.eventAvailability?.ticketsRemaining;
      if (typeof remaining !== "number") return end(message.payload?.errors ?? new Error("message without ticketsRemaining"));
      if (received.has(remaining)) return;
      received.add(remaining);
      let list = times.get(remaining);
      if (!list) times.set(remaining, (list = []));
      list.push(at);
      pending.set(remaining, (pending.get(remaining) ?? 0) + 1);
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
      tally.add(remaining);
    } else if (message.type === "error") {
      end(message.payload);
    } else if (message.type !== "pong") {
      end(message.type === "complete" ? undefined : new Error(`unexpected ${JSON.stringify(message).slice(0, 200)}`));
    }
  });
  socket.on("close", (code, reason) => end(code === 1000 ? undefined : new Error(`closed ${code} ${String(reason)}`)));
  socket.on("error", (error) => end(error)); // a dropped subscriber is a finding, not something to paper over
}

async function connect() {
  for (let opened = 0; opened < data.subscribers; ) {
    const batch = Math.min(data.connectBatch, data.subscribers - opened);
    for (let k = 0; k < batch; k++) subscribe();
    opened += batch;
    // Every live subscriber of this thread has the first value, or it timed out.
    if (!(await tally.allHave(data.total, data.waitMs))) {
      return { opened, failed: opened - tally.holding(data.total), error: firstError ?? "timed out waiting for first values" };
    }
  }
  return { opened: data.subscribers, failed: data.subscribers - tally.alive, error: firstError };
}

port.on("message", (message: { type: string }) => {
  if (message.type === "connect") {
    void connect().then((result) => port.postMessage({ type: "connected", ...result }));
  } else if (message.type === "collect") {
    flush();
    const out: [number, Float64Array][] = [...times].map(([remaining, list]) => [remaining, Float64Array.from(list)]);
    port.postMessage({ type: "times", times: out }, out.map(([, array]) => array.buffer as ArrayBuffer));
  } else if (message.type === "quiet") {
    recording = false;
    port.postMessage({ type: "quieted" });
  } else if (message.type === "close") {
    const closed = sockets.map((socket) => new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve(null) : socket.once("close", resolve))));
    for (const socket of sockets) socket.close(1000);
    void Promise.all(closed).then(() => port.postMessage({ type: "closed" }));
  }
});
