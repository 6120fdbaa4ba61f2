import { TRACKED_TASKS } from '../../insights';
import type { SkippedPart, TaskRun, TaskRunCounts } from '../../store';
import { count, duration, instant, ago, statusColor } from './format';

/** The integration tasks (those a sync runs, in its order) as docs/product-rules.md R1 names them, and what each one reads. */
export const TASK_TITLES: Readonly<Record<string, { title: string; reads: string }>> = Object.fromEntries(
  ['licenses', 'roster', 'access'].map((task) => {
    const t = TRACKED_TASKS.find((x) => x.task === task)!;
    return [task, { title: t.title, reads: t.does }];
  }),
);

/** Counts worth showing, in this order, with their words (one, many); the rest stay in the log. */
const COUNT_LABELS: readonly [keyof TaskRunCounts & string, string, string][] = [
  ['users', 'user', 'users'],
  ['skus', 'SKU', 'SKUs'],
  ['groups', 'group', 'groups'],
  ['signIns', 'sign-in', 'sign-ins'],
  ['deactivated', 'deactivated', 'deactivated'],
  ['suspicious', 'suspicious row', 'suspicious rows'],
  ['rowsWritten', 'row written', 'rows written'],
  ['requests', 'request', 'requests'],
  ['retries', 'retry', 'retries'],
  ['throttledSeconds', 's throttled', 's throttled'],
  // Reclamation's runs: what each request of the batch became.
  ['reclaimed', 'reclaimed', 'reclaimed'],
  ['undone', 'undone', 'undone'],
  ['skipped', 'skipped', 'skipped'],
  ['failed', 'failed', 'failed'],
  ['dryRun', 'dry run', 'dry runs'],
];

export function countsText(counts: TaskRunCounts): string {
  const parts = COUNT_LABELS.flatMap(([key, one, many]) => {
    const n = counts[key];
    return n ? [`${count(n)} ${n === 1 ? one : many}`] : [];
  });
  return parts.length ? parts.join(' · ') : 'no counts';
}

function skippedData(skipped: readonly SkippedPart[]): RunsCardRun['skipped'] {
  return skipped.map((s) => ({ part: s.part, reason: s.reason }));
}

export interface RunsCardInput {
  /** Newest first, per task name. */
  runs: Record<string, readonly TaskRun[]>;
  now: Date;
  banner: string;
}

/** One run of a task, newest first. */
export interface RunsCardRun {
  status: string;
  color: string;
  when: string;
  counts: string;
  skipped: { part: string; reason: string }[];
  error: string;
}

/** The data of `templates/runs.json`: per task, what it reads and its last runs. */
export interface RunsCard {
  subtitle: string;
  banner: string;
  tasks: { title: string; schedule: string; lastStatus: string; lastColor: string; runs: RunsCardRun[] }[];
  footer: string;
}

/**
 * Data for `templates/runs.json`: the five tasks of Application Task Tracking (src/insights/task-tracking.ts),
 * their last runs, status, counts, duration, skipped parts and why.
 */
export function runsCardData(input: RunsCardInput): RunsCard {
  const tasks = TRACKED_TASKS.map(({ task, title, does }) => {
    const runs = input.runs[task] ?? [];
    const last = runs[0];
    return {
      title,
      schedule: does,
      lastStatus: last ? statusWord(last.status) : 'never run',
      lastColor: last ? statusColor(last.status) : 'Default',
      runs: runs.map((run) => ({
        status: statusWord(run.status),
        color: statusColor(run.status),
        when: `${instant(run.startedAt)} (${ago(run.startedAt, input.now)}), ${run.trigger}, ${duration(run.startedAt, run.finishedAt)}`,
        counts: countsText(run.counts),
        skipped: skippedData(run.skipped),
        error: run.error ?? '',
      })),
    };
  });
  // Fresh data comes from the integration tasks; a reclamation or a rebuilt snapshot reads none.
  const lastFinished = Object.keys(TASK_TITLES)
    .flatMap((task) => (input.runs[task] ?? []).filter((x) => x.finishedAt && x.status !== 'failed'))
    .map((r) => r.finishedAt!)
    .sort()
    .pop();
  return {
    subtitle: lastFinished
      ? `Data last refreshed ${instant(lastFinished)} (${ago(lastFinished, input.now)}).`
      : 'No task has finished yet: the data is empty.',
    banner: input.banner,
    tasks,
    footer:
      'A skipped part never fails a task: grant the permission it names and the next run reads it. Admins can run a task now with `sync [task]`.',
  };
}

export function statusWord(status: string): string {
  return status === 'succeeded'
    ? 'Succeeded'
    : status === 'partial'
      ? 'Partial'
      : status === 'failed'
        ? 'Failed'
        : status === 'running'
          ? 'Running'
          : status;
}
