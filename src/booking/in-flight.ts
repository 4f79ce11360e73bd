// How many bookings each user has in flight (asked for, not yet answered), so
// one user cannot hold more than `max` at once (limits.ts says why). Only users
// with some are kept.
export class InFlightPerUser {
  private readonly counts = new Map<number, number>();
  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Count one more booking of the user; false (nothing counted) when they already have `max`. */
  take(userId: number): boolean {
    const count = this.counts.get(userId) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(userId, count + 1);
    return true;
  }

  /** One of the user's bookings has its answer. */
  release(userId: number) {
    const left = (this.counts.get(userId) ?? 1) - 1;
    if (left <= 0) this.counts.delete(userId);
    else this.counts.set(userId, left);
  }
}
