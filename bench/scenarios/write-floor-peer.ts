// The two ends of the write floor (write-floor.ts), each its own process.
//   writer <frames-json>: listens on 127.0.0.1, takes connections until told to
//     write, then writes every socket one frame per round, a round at a time,
//     and reports its own CPU (user and system) per write.
//   reader <port> <sockets> <local address>: opens that many sockets and reads
//     them until the writer's bytes have all arrived.
// Messages (IPC): writer → { type: "listening", port } | { type: "done", writes, userUs, systemUs }
//                 bench → writer { type: "write", sockets, rounds, frameBytes }
//                 reader → { type: "connected" } | { type: "received" }; bench → reader { type: "expect", bytes }
import net from "node:net";

const send = (message: object) => process.send!(message);
const [role, ...args] = process.argv.slice(2);
const CONNECT_BATCH = 250;
// Never outlive the bench (one that stopped without killing its peers).
process.on("disconnect", () => process.exit(0));

if (role === "writer") {
  const sockets: net.Socket[] = [];
  const server = net.createServer({ noDelay: true }, (socket) => {
    socket.on("error", () => {});
    sockets.push(socket);
  });
  // A backlog as deep as the kernel allows (somaxconn): connections arrive by the thousand.
  server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => send({ type: "listening", port: (server.address() as net.AddressInfo).port }));
  process.on("message", async (message: { type: string; sockets: number; rounds: number; frameBytes: number }) => {
    if (message.type !== "write") return;
    // Every reader has connected; their connections may still wait in the listen backlog.
    while (sockets.length < message.sockets) await new Promise((resolve) => setImmediate(resolve));
    // One frame for every socket, as a cohort's payload is made once; each write is its own Buffer as a frame is.
    const frame = Buffer.alloc(message.frameBytes, "x");
    const before = process.cpuUsage();
    for (let round = 0; round < message.rounds; round++) {
      for (const socket of sockets) socket.write(Buffer.from(frame));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const used = process.cpuUsage(before);
    const writes = sockets.length * message.rounds;
    send({ type: "done", writes, userUs: used.user / writes, systemUs: used.system / writes });
  });
} else if (role === "reader") {
  const [port, count, localAddress] = [Number(args[0]), Number(args[1]), args[2]];
  let received = 0;
  let expected = Infinity;
  let connected = 0;
  const check = () => received >= expected && send({ type: "received" });
  // In batches, each connected before the next opens, as the fan-out connects its subscribers.
  const open = (batch: number) => {
    for (let i = 0; i < batch; i++) {
      const socket = net.connect({ port, host: "127.0.0.1", localAddress });
      socket.on("connect", () => {
        if (++connected === count) send({ type: "connected" });
        else if (connected % CONNECT_BATCH === 0) open(Math.min(CONNECT_BATCH, count - connected));
      });
      socket.on("data", (data) => {
        received += data.length;
        check();
      });
      socket.on("error", (error) => send({ type: "error", error: error.message }));
    }
  };
  open(Math.min(CONNECT_BATCH, count));
  process.on("message", (message: { type: string; bytes: number }) => {
    if (message.type !== "expect") return;
    expected = message.bytes;
    check();
  });
}
