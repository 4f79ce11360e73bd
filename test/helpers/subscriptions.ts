// A real graphql-ws client, recording every message, with waits that resolve
// on the messages themselves (never on time); and a raw graphql-ws socket for
// clients that break the protocol's manners.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Recorder<T> {
  messages: T[];
  /** Resolves when a message satisfies `test` (checked against all messages so far, then each new one). */
  until(test: (messages: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the close or error that ended the subscription. */
  ended: Promise<unknown>;
  dispose(): void;
}

export function wsClient(httpUrl: string, token?: string, options: { retry?: boolean } = {}): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retry ? 5 : 0,
    lazy: true,
  });
}

export function record<T>(client: Client, query: string, variables: Record<string, unknown>, pick: (data: any) => T): Recorder<T> {
  const messages: T[] = [];
  const waiters = new Set<() => void>();
  let end!: (reason: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) end(result.errors);
        else messages.push(pick(result.data));
        for (const wake of waiters) wake();
      },
      error: (error) => end(error),
      complete: () => end("complete"),
    },
  );
  return {
    messages,
    ended,
    dispose,
    until(test, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!test(messages)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; messages so far: ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Polls `find` every 10 ms until it returns something; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(find: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RawSocket {
  socket: WebSocket;
  /** Every message received, parsed. */
  messages: any[];
  /** Bytes of the messages received. */
  bytes(): number;
  /** How it closed: its close code and reason (waits up to `timeoutMs`). */
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  until(test: () => boolean, what: string): Promise<void>;
}

/**
 * A graphql-ws socket on the wire: connection_init is sent (with the token, or
 * `connectionParams` as given); nothing else is done for the caller.
 */
export async function rawSocket(
  httpUrl: string,
  options: { token?: string; connectionParams?: unknown; headers?: Record<string, string> } = {},
): Promise<RawSocket> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers: options.headers });
  const messages: any[] = [];
  let bytes = 0;
  let closed: { code: number; reason: string } | undefined;
  socket.once("close", (code, reason) => (closed = { code, reason: String(reason) }));
  socket.on("error", () => {}); // a refused socket may be reset; `closed` says how it ended
  socket.on("message", (data: Buffer) => {
    bytes += data.length;
    messages.push(JSON.parse(String(data)));
  });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const payload = "connectionParams" in options ? options.connectionParams : options.token ? { authorization: `Bearer ${options.token}` } : {};
  socket.send(JSON.stringify({ type: "connection_init", payload }));
  return {
    socket,
    messages,
    bytes: () => bytes,
    closed: (timeoutMs) => waitFor(() => closed, "close", timeoutMs),
    until: async (test, what) => void (await waitFor(test, what)),
  };
}
