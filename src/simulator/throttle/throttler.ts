import type { Charge } from '../graph/request';
import { SlidingWindow } from './sliding-window';

/**
 * Throttle buckets as documented (docs/graph-behaviour.md §9), off by default. `timeScale` shrinks every window
 * (0.01 turns 10 s into 100 ms) so tests and benchmarks meet the limits without waiting.
 */
export type ThrottleProfile = 'off' | 'documented';

interface Limit {
  readonly limit: number;
  readonly windowMs: number;
  readonly info: string;
  readonly scope: string;
}

export interface Throttled {
  readonly retryAfterMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** Identity read quota per app and tenant, by tenant size: S < 50, M 50–500, L > 500 users. */
function readQuota(users: number): number {
  return users < 50 ? 3500 : users <= 500 ? 5000 : 8000;
}

export class Throttler {
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(
    public profile: ThrottleProfile,
    private readonly timeScale: number,
    private readonly tenantUsers: number,
    private readonly scopeSuffix: string,
  ) {}

  private limitFor(bucket: Charge['bucket']): Limit {
    const s = this.timeScale;
    switch (bucket) {
      case 'directoryRead':
        return {
          limit: readQuota(this.tenantUsers),
          windowMs: 10_000 * s,
          info: 'ResourceUnitLimitExceeded',
          scope: 'Application_Tenant/Read',
        };
      case 'write':
        return { limit: 3000, windowMs: 150_000 * s, info: 'WriteLimitExceeded', scope: 'Application_Tenant/Write' };
      case 'identityReports':
        return {
          limit: 5,
          windowMs: 10_000 * s,
          info: 'ReportRequestLimitExceeded',
          scope: 'Application_Tenant/AuditReports',
        };
      case 'reportCsv':
        return {
          limit: 14,
          windowMs: 600_000 * s,
          info: 'ReportRequestLimitExceeded',
          scope: 'Application_Tenant/UsageReports',
        };
      case 'reportJson':
        return {
          limit: 100,
          windowMs: 600_000 * s,
          info: 'ReportRequestLimitExceeded',
          scope: 'Application_Tenant/UsageReports',
        };
    }
  }

  check(charge: Charge, nowMs: number = performance.now()): Throttled | undefined {
    if (this.profile === 'off') return undefined;
    const limit = this.limitFor(charge.bucket);
    const key = `${charge.bucket}:${charge.key ?? ''}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(limit.limit, limit.windowMs);
      this.windows.set(key, window);
    }
    const wait = window.take(nowMs, charge.units);
    if (wait === 0) return undefined;
    return {
      retryAfterMs: wait,
      headers: { 'x-ms-throttle-scope': `${limit.scope}/${this.scopeSuffix}`, 'x-ms-throttle-information': limit.info },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

/** Retry-After in seconds; fractional values are allowed (the documented sample shows 2.128). */
export function retryAfterSeconds(ms: number): string {
  const s = Math.max(0.001, ms / 1000);
  return Number.isInteger(s) ? String(s) : s.toFixed(3);
}
