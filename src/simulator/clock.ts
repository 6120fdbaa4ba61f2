/**
 * The simulated "now". Tenant data (activity dates, report refresh dates, sign-in retention) is read
 * against this clock; moving it forward ages the tenant. Token lifetimes and throttle windows use the
 * wall clock instead, because clients cache tokens and back off by their own (real) clock.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date) {}

  now(): number {
    return this.base().getTime() + this.offsetMs;
  }

  /** Moves "now" forward; the simulated clock never goes back, like the data it ages. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the simulated clock only moves forward');
    this.offsetMs += ms;
  }
}

export const DAY_MS = 86_400_000;

export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
