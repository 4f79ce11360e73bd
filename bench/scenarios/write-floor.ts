// The floor under a fan-out's CPU per message: what one socket write of a
// frame costs this machine with nothing else around it. Plain TCP sockets,
// as many as the fan-out's subscribers, each written one frame of the same
// size per round by a process of its own (write-floor-peer.ts), read by as
// many reader processes as the fan-out has receiving threads. The writer's
// CPU per write, user and system, is the cost no server can go under while
// it sends each subscriber its own frame; "server CPU per message ÷ floor" is
// what the server adds. On loopback the system part also holds the receiving
// side's TCP work, which the kernel does on the writer's CPU.
import { fork, type ChildProcess } from "node:child_process";

export interface WriteFloorResult {
  sockets: number;
  frameBytes: number;
  writes: number;
  /** Writer CPU per write, µs: user + system = total. */
  userUs: number;
  systemUs: number;
  totalUs: number;
}

const PEER = new URL("./write-floor-peer.ts", import.meta.url);
const ROUNDS = 20;
const WAIT_MS = 60_000;

function next(child: ChildProcess, type: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`write floor: no ${type} message within ${WAIT_MS} ms`)), WAIT_MS);
    const listener = (message: { type: string; error?: string }) => {
      if (message.type !== type && message.type !== "error") return;
      clearTimeout(timer);
      child.off("message", listener);
      if (message.type === "error") reject(new Error(`write floor: ${message.error}`));
      else resolve(message);
    };
    child.on("message", listener);
  });
}

/**
 * Each reader connects from an address of its own (127.0.255.x), none the
 * fan-outs use: the floor's sockets end with both sides closing at once, and
 * the ports they leave in TIME_WAIT for a minute must not be ports a later
 * scenario (5b's 19,000 subscribers) needs.
 */
const readerAddress = (r: number) => `127.0.255.${r + 1}`;

export async function runWriteFloor(sockets: number, frameBytes: number, readers: number): Promise<WriteFloorResult> {
  const writer = fork(PEER, ["writer"], { stdio: "ignore" });
  const peers: ChildProcess[] = [writer];
  try {
    const { port } = await next(writer, "listening");
    const shares = Array.from({ length: readers }, (_, r) => Math.floor(sockets / readers) + (r < sockets % readers ? 1 : 0));
    const readerProcesses = shares.map((share, r) => fork(PEER, ["reader", String(port), String(share), readerAddress(r)], { stdio: "ignore" }));
    peers.push(...readerProcesses);
    await Promise.all(readerProcesses.map((reader) => next(reader, "connected")));
    const received = readerProcesses.map((reader) => next(reader, "received"));
    for (const arrival of received) arrival.catch(() => {}); // awaited below: a failure before then is not unhandled
    readerProcesses.forEach((reader, r) => reader.send({ type: "expect", bytes: shares[r]! * frameBytes * ROUNDS }));
    writer.send({ type: "write", sockets, rounds: ROUNDS, frameBytes });
    const done = await next(writer, "done");
    await Promise.all(received);
    const round1 = (n: number) => Math.round(n * 10) / 10;
    return { sockets, frameBytes, writes: done.writes, userUs: round1(done.userUs), systemUs: round1(done.systemUs), totalUs: round1(done.userUs + done.systemUs) };
  } finally {
    for (const peer of peers) peer.kill();
  }
}
