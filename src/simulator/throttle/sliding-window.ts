/**
 * A sliding window of weighted requests: at most `limit` units inside any `windowMs`. A rejected
 * request is not counted, so waiting the returned delay is always enough to get through.
 */
export class SlidingWindow {
  private readonly times: number[] = [];
  private readonly costs: number[] = [];
  private head = 0;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes `cost` units at `now`; returns 0 when accepted, else the wait in ms before it would fit. */
  take(now: number, cost: number): number {
    this.expire(now);
    if (this.used + cost <= this.limit) {
      this.times.push(now);
      this.costs.push(cost);
      this.used += cost;
      return 0;
    }
    let freed = this.limit - this.used;
    for (let k = this.head; k < this.times.length; k++) {
      freed += this.costs[k] ?? 0;
      if (freed >= cost) return Math.max(1, (this.times[k] ?? now) + this.windowMs - now);
    }
    return this.windowMs;
  }

  private expire(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs) {
      this.used -= this.costs[this.head] ?? 0;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.costs.splice(0, this.head);
      this.head = 0;
    }
  }
}
