import { DAY_MS, dayOf, isoSeconds, isReal } from '../dates';
import type { Policy } from '../policy';
import type { CopilotSeatState } from './types';

/**
 * THE definition of an idle Copilot seat. A holder is:
 * - active: Copilot used since the assignment, within `copilotIdleDays` (plus the reports' lag);
 * - grace: assigned less than `copilotGraceDays` ago, and not active: too new to judge;
 * - idle: used since the assignment, but not within `copilotIdleDays`;
 * - never: not used since the assignment, which is older than the grace period.
 * The assignment date is the license assignment's `lastUpdatedDateTime` (docs/copilot.md); unknown,
 * it counts as older than the grace period (and the seat's confidence says so).
 */
export interface SeatRuleParams {
  today: string;
  /** Use on or after this day is recent (the threshold plus the report lag, as the inactive rule). */
  recentSinceDay: string;
  /** Assignments after this instant are in their grace period. */
  graceSince: string;
}

export function seatRuleParams(policy: Policy, now: Date): SeatRuleParams {
  const t = now.getTime();
  return {
    today: dayOf(t),
    recentSinceDay: dayOf(t - (policy.copilotIdleDays + policy.reportLagDays) * DAY_MS),
    graceSince: isoSeconds(t - policy.copilotGraceDays * DAY_MS),
  };
}

export interface SeatFacts {
  /** Last Copilot use (day), any app. */
  lastUse: string | null;
  /** The assignment's instant. */
  assignedAt: string | null;
}

/** Copilot used on or after the day of the assignment (a use before it belongs to an earlier seat). */
export function usedSinceAssignment(f: SeatFacts): boolean {
  return isReal(f.lastUse) && (!isReal(f.assignedAt) || f.lastUse >= f.assignedAt.slice(0, 10));
}

export function seatState(f: SeatFacts, p: SeatRuleParams): CopilotSeatState {
  const used = usedSinceAssignment(f);
  if (used && f.lastUse! >= p.recentSinceDay) return 'active';
  if (isReal(f.assignedAt) && f.assignedAt > p.graceSince) return 'grace';
  return used ? 'idle' : 'never';
}

/** What "days idle" counts from: the last use since the assignment, else the assignment itself. */
export function idleSince(f: SeatFacts): string | null {
  return usedSinceAssignment(f) ? f.lastUse : isReal(f.assignedAt) ? f.assignedAt : null;
}
