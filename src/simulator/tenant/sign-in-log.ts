import { hash32 } from '../util/random';

/**
 * The interactive sign-in log (docs/graph-behaviour.md §6), newest first. Event times are whole seconds plus a hashed
 * sub-second part, so `createdDateTime` shows Graph's 7 fractional digits while a user's
 * signInActivity (whole seconds) still names the same instant. Sorted once with a packed numeric key
 * (far faster than a comparator sort on a million events).
 */
export class SignInLog {
  constructor(
    public time: Float64Array,
    public user: Int32Array,
    public app: Uint8Array,
    public status: Uint8Array,
    private readonly seed: number,
  ) {}

  get length(): number {
    return this.time.length;
  }

  /** First index whose time is <= ms (the list is in descending time order). */
  firstAtOrBefore(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.time[mid] ?? 0) > ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose time is < ms. */
  firstBefore(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.time[mid] ?? 0) >= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds one event in place of order (used when a test makes a user active). */
  insert(timeMs: number, user: number, app: number, status: number): void {
    const time = withTicks(this.seed, user, timeMs);
    const at = this.firstAtOrBefore(time);
    const n = this.length + 1;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(
      old: T,
      make: (size: number) => T,
      value: number,
    ): T => {
      const next = make(n);
      next.set(old.subarray(0, at), 0);
      next[at] = value;
      next.set(old.subarray(at), at + 1);
      return next;
    };
    this.time = grow(this.time, (s) => new Float64Array(s), time);
    this.user = grow(this.user, (s) => new Int32Array(s), user);
    this.app = grow(this.app, (s) => new Uint8Array(s), app);
    this.status = grow(this.status, (s) => new Uint8Array(s), status);
  }
}

/** Whole second of `ms` plus a deterministic sub-second part (100 ns ticks). */
function withTicks(seed: number, user: number, ms: number): number {
  const second = Math.floor(ms / 1000);
  return second * 1000 + (hash32(seed, user, second) % 10_000_000) / 10_000;
}

export class SignInLogBuilder {
  private time = new Float64Array(4096);
  private user = new Int32Array(4096);
  private app = new Uint8Array(4096);
  private status = new Uint8Array(4096);
  private count = 0;

  constructor(private readonly seed: number) {}

  add(timeMs: number, user: number, app: number, status: number): void {
    if (this.count === this.time.length) this.growTo(this.count * 2);
    this.time[this.count] = withTicks(this.seed, user, timeMs);
    this.user[this.count] = user;
    this.app[this.count] = app;
    this.status[this.count] = status;
    this.count++;
  }

  /** Sorts newest first; `earliestMs` bounds the packed key (events must not be older). */
  build(earliestMs: number): SignInLog {
    const n = this.count;
    const base = Math.floor(earliestMs / 1000);
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = (Math.floor((this.time[k] ?? 0) / 1000) - base) * 2 ** 31 + k;
    keys.sort();
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = (keys[n - 1 - k] ?? 0) % 2 ** 31;
    sortRunsWithinSecond(order, this.time);
    const log = new SignInLog(new Float64Array(n), new Int32Array(n), new Uint8Array(n), new Uint8Array(n), this.seed);
    order.forEach((from, to) => {
      log.time[to] = this.time[from] ?? 0;
      log.user[to] = this.user[from] ?? 0;
      log.app[to] = this.app[from] ?? 0;
      log.status[to] = this.status[from] ?? 0;
    });
    return log;
  }

  private growTo(size: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.time = copy(this.time, new Float64Array(size));
    this.user = copy(this.user, new Int32Array(size));
    this.app = copy(this.app, new Uint8Array(size));
    this.status = copy(this.status, new Uint8Array(size));
  }
}

/** The packed key orders by whole second; events sharing a second are put in exact order here. */
function sortRunsWithinSecond(order: Int32Array, time: Float64Array): void {
  for (let k = 1; k < order.length; k++) {
    const current = order[k] ?? 0;
    const t = time[current] ?? 0;
    let j = k - 1;
    while (
      j >= 0 &&
      (time[order[j] ?? 0] ?? 0) < t &&
      Math.floor((time[order[j] ?? 0] ?? 0) / 1000) === Math.floor(t / 1000)
    ) {
      order[j + 1] = order[j] ?? 0;
      j--;
    }
    order[j + 1] = current;
  }
}
