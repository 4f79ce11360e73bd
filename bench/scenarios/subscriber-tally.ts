// How many live subscribers hold each value of an event's remaining count, and
// a wait until every one of them holds a given value. The fan-out scenario
// keeps one in each receiving thread (fan-out-worker.ts) and one in the main
// thread, which adds up the threads' counts.

export class SubscriberTally {
  private readonly counts = new Map<number, number>();
  private wake: (() => void) | null = null;
  /** Subscribers still connected. */
  alive: number;

  constructor(alive = 0) {
    this.alive = alive;
  }

  /** Subscribers holding `value`. */
  holding(value: number): number {
    return this.counts.get(value) ?? 0;
  }

  /** `n` more subscribers hold `value`. */
  add(value: number, n = 1) {
    this.counts.set(value, this.holding(value) + n);
    this.wake?.();
  }

  joined() {
    this.alive++;
  }

  /** A subscriber is gone: nobody waits for it any more. */
  lost() {
    this.alive--;
    this.wake?.();
  }

  /** Resolves true when every live subscriber holds `value`, false after `timeoutMs`. */
  allHave(value: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.holding(value) < this.alive) return;
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, timeoutMs);
      this.wake = check;
      check();
    });
  }
}
