import { Cron } from 'croner';
import { z } from 'zod';

/** The Setting key of the digest's schedule. */
export const DIGEST_SCHEDULE_SETTING = 'digestSchedule';

/** Monday 09:00 (issue 6), UTC until an admin names the organisation's time zone. */
export const DEFAULT_DIGEST_SCHEDULE = { cron: '0 9 * * 1', timezone: 'UTC' } as const;

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export const digestScheduleSchema = z
  .object({
    cron: z.string().trim().min(9).max(100).refine(validCron, 'not a cron pattern (minute hour day-of-month month day-of-week)'),
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
