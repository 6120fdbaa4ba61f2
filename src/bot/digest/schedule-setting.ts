import { Cron } from 'croner';
import { z } from 'zod';

/** The Setting key of the digest's schedule. */
export const DIGEST_SCHEDULE_SETTING = 'digestSchedule';

/** Monday 09:00, the start of the working week (docs/product-rules.md R35), UTC until an admin names the organisation's time zone. */
export const DEFAULT_DIGEST_SCHEDULE = { cron: '0 9 * * 1', timezone: 'UTC' } as const;

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The digest is a summary for people: at most one a day. */
const MIN_GAP_MS = 24 * 3600_000;
/**
 * A pattern with several times on a day shows two of them within its first few runs (what is left
 * of the first day, then a whole day); one time a day never gives runs closer than a day.
 */
const RUNS_CHECKED = 10;

export const SCHEDULE_RULE =
  'a schedule is five cron fields (minute hour day-of-month month day-of-week), at most once a day, e.g. `0 9 * * 1` (Mondays 09:00) or `0 9 * * *` (daily)';

/**
 * Why a pattern is not a digest schedule, or null when it is one. Exactly five fields: croner reads
 * a sixth as seconds (`* * * * * *` would post a digest every second). Runs closer than a day are
 * refused; they are measured in UTC, so the 23-hour day of a daylight-saving change (the time zone
 * says when, not how often) does not refuse a daily schedule, and from a fixed date, so the verdict
 * does not depend on the day it is asked.
 */
export function cronProblem(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5)
    return `"${pattern}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${SCHEDULE_RULE}`;
  let runs: Date[];
  try {
    const cron = new Cron(pattern, { paused: true, timezone: 'UTC' });
    runs = cron.nextRuns(RUNS_CHECKED, new Date(Date.UTC(2001, 0, 1)));
    cron.stop();
  } catch {
    return `"${pattern}" is not a cron pattern; ${SCHEDULE_RULE}`;
  }
  if (runs.length === 0) return `"${pattern}" never runs; ${SCHEDULE_RULE}`;
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_GAP_MS)
      return `"${pattern}" runs more often than once a day; ${SCHEDULE_RULE}`;
  }
  return null;
}

export const digestScheduleSchema = z
  .object({
    cron: z
      .string()
      .trim()
      .max(100)
      .superRefine((pattern, ctx) => {
        const problem = cronProblem(pattern);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
    timezone: z.string().trim().min(1).max(64).refine(validTimezone, 'not an IANA time zone (e.g. Europe/Berlin)'),
  })
  .strict();
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;

/** The schedule slot before `now` (what a missed run would have been), or null. */
export function previousSlot(schedule: DigestSchedule, now: Date): Date | null {
  const cron = new Cron(schedule.cron, { paused: true, timezone: schedule.timezone });
  const [previous] = cron.previousRuns(1, now);
  cron.stop();
  return previous ?? null;
}

export function nextSlot(schedule: DigestSchedule, now: Date): Date | null {
  const cron = new Cron(schedule.cron, { paused: true, timezone: schedule.timezone });
  const next = cron.nextRun(now);
  cron.stop();
  return next;
}
