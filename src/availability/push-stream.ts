// An async iterator fed from outside. Unlike an async generator, `return()`
// takes effect at once, even while the feeder is waiting for the database.
//
// A consumer that stops reading (a websocket client that never reads) must not
// make the server hold its messages without end: a value pushed with a key
// replaces an unread value with the same key (for availability, a newer count
// of the same event supersedes the older one), and more than `maxUnread`
// unread values end the stream with `tooSlow()`.
export class PushStream<T> implements AsyncIterableIterator<T> {
  closed = false;
  /** Unread values, by key (unkeyed values get a key of their own). */
  private readonly buffer = new Map<unknown, T>();
  private nextOwnKey = 0;
  private readonly waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  private failure: { error: unknown } | null = null;
  private readonly onDone: () => void;
  private readonly maxUnread: number;
  private readonly tooSlow: () => unknown;

  constructor(onDone: () => void, options: { maxUnread?: number; tooSlow?: () => unknown } = {}) {
    this.onDone = onDone;
    this.maxUnread = options.maxUnread ?? Infinity;
    this.tooSlow = options.tooSlow ?? (() => new Error("The subscriber did not keep up."));
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  push(value: T, key: unknown = { own: this.nextOwnKey++ }) {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) return waiter.resolve({ value, done: false });
    this.buffer.delete(key); // a newer value of the same key goes to the back
    this.buffer.set(key, value);
    if (this.buffer.size > this.maxUnread) this.fail(this.tooSlow());
  }

  fail(error: unknown) {
    if (this.closed) return;
    this.failure = { error };
    this.buffer.clear();
    this.end();
  }

  end() {
    if (this.closed) return;
    this.closed = true;
    this.onDone();
    for (const waiter of this.waiting.splice(0)) {
      if (this.failure) waiter.reject(this.failure.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  async next(): Promise<IteratorResult<T>> {
    const first = this.buffer.entries().next();
    if (!first.done) {
      this.buffer.delete(first.value[0]);
      return { value: first.value[1], done: false };
    }
    if (this.failure) throw this.failure.error;
    if (this.closed) return { value: undefined, done: true };
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async return(): Promise<IteratorResult<T>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    throw error;
  }
}
