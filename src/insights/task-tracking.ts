import type { DataSource } from 'typeorm';
import { TaskRuns, type SkippedPart, type TaskRunCounts } from '../store';

/**
 * Application Task Tracking as docs/product-rules.md R5 charts it: the three integration tasks, License
 * Differentiation (a run each time its snapshot is rebuilt) and Reclamation (a run per batch of
 * approved removals, and per undo), in that order.
 */
export const TRACKED_TASKS = [
  { task: 'roster', title: 'Application Roster', does: 'Users, licenses, MFA, sign-ins and usage reports' },
  { task: 'access', title: 'Application Access', does: 'Last activity per app (reports and sign-in log)' },
  { task: 'licenses', title: 'License Information', does: 'Subscribed SKUs, seats and service plans' },
  {
    task: 'differentiation',
    title: 'License Differentiation',
    does: 'Activity of each app by license type, rebuilt after each sync',
  },
  { task: 'reclamation', title: 'Reclamation', does: 'Approved removals and undos, through assignLicense' },
] as const;

export type TrackedTask = (typeof TRACKED_TASKS)[number]['task'];

export interface TrackedRun {
  id: string;
  status: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  /** Whole seconds from start to finish; null while running. */
  durationSeconds: number | null;
  counts: TaskRunCounts;
  skipped: SkippedPart[];
  error: string | null;
}

export interface TaskTracking {
  task: TrackedTask;
  title: string;
  does: string;
  /** The newest run's status, or `never run`. */
  lastStatus: string;
  /** Newest first. */
  runs: TrackedRun[];
}

/** The last `runsPerTask` runs of each of the five tasks. */
export async function taskTracking(store: DataSource, runsPerTask = 3): Promise<TaskTracking[]> {
  const runs = new TaskRuns(store);
  const out: TaskTracking[] = [];
  for (const t of TRACKED_TASKS) {
    const latest = await runs.latest(t.task, runsPerTask);
    out.push({
      ...t,
      lastStatus: latest[0]?.status ?? 'never run',
      runs: latest.map((r) => ({
        id: r.id,
        status: r.status,
        trigger: r.trigger,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        durationSeconds: r.finishedAt
          ? Math.max(0, Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000))
          : null,
        counts: r.counts,
        skipped: r.skipped,
        error: r.error,
      })),
    });
  }
  return out;
}
