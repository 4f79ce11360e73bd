// A TCP proxy in front of a real service, so a test can make that service
// unreachable (close the proxy) without stopping the machine's own server, or
// slow to accept connections (a loaded database) without loading the machine.
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** Refuse new connections and cut the open ones: the service is gone. */
  cut(): Promise<void>;
  /** Accept connections again on the same port: the service is back. */
  restore(): Promise<void>;
  /** Hold each new connection this long before connecting it to the service (0: at once); open ones are untouched. */
  delayConnections(ms: number): void;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket, onError: () => void) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", onError);
  };
  let connectDelayMs = 0;
  const server = net.createServer((client) => {
    let upstream: net.Socket | undefined;
    const destroyBoth = () => {
      client.destroy();
      upstream?.destroy();
    };
    track(client, destroyBoth);
    // What the client sends meanwhile waits in its socket (not flowing until piped).
    const connect = () => {
      if (client.destroyed) return;
      upstream = net.connect(targetPort, targetHost);
      track(upstream, destroyBoth);
      client.pipe(upstream).pipe(client);
    };
    if (connectDelayMs > 0) setTimeout(connect, connectDelayMs);
    else connect();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    delayConnections: (ms) => {
      connectDelayMs = ms;
    },
  };
}
