// An async iterator fed from outside. Unlike an async generator, `return()`
// takes effect at once, even while the feeder is waiting for the database.
export class PushStream<T> implements AsyncIterableIterator<T> {
  closed = false;
  private readonly buffer: T[] = [];
  private readonly waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  private failure: { error: unknown } | null = null;
  private readonly onDone: () => void;

  constructor(onDone: () => void) {
    this.onDone = onDone;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  push(value: T) {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  fail(error: unknown) {
    if (this.closed) return;
    this.failure = { error };
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
    if (this.buffer.length > 0) return { value: this.buffer.shift()!, done: false };
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
