// Keep-alive for every websocket of a server on one timer (graphql-ws/use/ws's
// rule: a ping every 12 s; a socket that has not answered the previous ping
// when the next is due is cut off). One timer per socket held two Timeout
// objects and their closures for each idle subscriber; a stadium holds tens of
// thousands of them. The pings go out in slices, yielding to other work in
// between, so 50,000 sockets never hold the event loop for one long write loop.
import type { WebSocket } from "ws";

export const KEEP_ALIVE_MS = 12_000;
/** Pings written before other work gets a turn. */
const SLICE = 256;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Heartbeat {
  /** Open sockets → whether the last ping is still unanswered. */
  private readonly sockets = new Map<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;
  private beating = false;

  constructor(intervalMs = KEEP_ALIVE_MS) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  add(ws: WebSocket) {
    this.sockets.set(ws, false);
  }

  /** A pong from `ws`: it is alive. */
  answered(ws: WebSocket) {
    if (this.sockets.has(ws)) this.sockets.set(ws, false);
  }

  delete(ws: WebSocket) {
    this.sockets.delete(ws);
  }

  stop() {
    clearInterval(this.timer);
  }

  private async beat() {
    if (this.beating) return;
    this.beating = true;
    let written = 0;
    for (const [ws, waiting] of this.sockets) {
      if (++written % SLICE === 0) await nextTurn();
      if (!this.sockets.has(ws) || ws.readyState !== ws.OPEN) continue; // closed meanwhile
      if (waiting) {
        this.sockets.delete(ws);
        ws.terminate();
        continue;
      }
      this.sockets.set(ws, true);
      ws.ping();
    }
    this.beating = false;
  }
}
