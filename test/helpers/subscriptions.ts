// A real graphql-ws client, recording every message, with waits that resolve
// on the messages themselves (never on time).
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
