import { createHash } from 'node:crypto';
import type { SimContext } from '../context';
import { dayNumber } from '../clock';
import { hash32 } from '../util/random';
import type { ReportRequest } from './report-request';

/**
 * What a report covers: its refresh date lags 1 to 3 days behind "now" (docs/graph-behaviour.md §4: data is typically
 * 24–72 hours late, varying by day), and the period ends on the refresh date.
 */
export interface ReportScope {
  readonly request: Pick<ReportRequest, 'periodDays' | 'day'>;
  readonly refreshDay: number;
  readonly fromDay: number;
  readonly toDay: number;
  /** The value of the "Report Period" column. */
  readonly periodDays: number;
  readonly concealed: boolean;
  readonly recipientType: boolean;
}

export function refreshDay(ctx: SimContext): number {
  const today = dayNumber(ctx.clock.now());
  return today - 1 - (hash32(ctx.tenant.identity.seed, today, 31) % 3);
}

export function reportScope(ctx: SimContext, request: Pick<ReportRequest, 'periodDays' | 'day'>): ReportScope {
  const refresh = refreshDay(ctx);
  const days = request.periodDays ?? 180;
  const [fromDay, toDay] = request.day !== undefined ? [request.day, request.day] : [refresh - days + 1, refresh];
  return {
    request,
    refreshDay: refresh,
    fromDay,
    toDay: Math.min(toDay, refresh),
    periodDays: request.day !== undefined ? 1 : days,
    concealed: ctx.settings.concealedNames,
    recipientType: ctx.settings.mailboxRecipientType,
  };
}

/** Concealed names are 32-character uppercase hex hashes, stable per user (docs/graph-behaviour.md §4). */
export function concealedName(tenantId: string, userId: string, field: string): string {
  return createHash('md5').update(`${tenantId}|${userId}|${field}`).digest('hex').toUpperCase();
}

/**
 * The last activity day a report can show for an activity time: people counted as active use the
 * workload daily, so activity after the refresh date shows as the refresh date itself.
 */
export function reportedDay(ms: number, scope: ReportScope): number | undefined {
  if (ms <= 0) return undefined;
  const day = dayNumber(ms);
  return Math.min(day, scope.toDay);
}

export function activeWithin(ms: number, scope: ReportScope): boolean {
  if (ms <= 0) return false;
  const day = dayNumber(ms);
  return day >= scope.fromDay;
}
