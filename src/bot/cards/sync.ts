import { TASK_TITLES } from './runs';
import { instant, statusColor } from './format';

export type SyncTaskState = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'not started';

export interface SyncTaskView {
  task: string;
  state: SyncTaskState;
  /** Progress message while running, outcome afterwards. */
  detail: string;
}

export interface SyncCardInput {
  tasks: readonly SyncTaskView[];
  startedBy: string;
  startedAt: string;
  finished: boolean;
}

const STATE_WORDS: Record<SyncTaskState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  partial: 'Partial',
  failed: 'Failed',
  'not started': 'Not started',
};

/** The data of `templates/sync.json`. */
export interface SyncCard {
  style: string;
  title: string;
  subtitle: string;
  tasks: { state: string; color: string; title: string; detail: string }[];
  footer: string;
}

/** Data for `templates/sync.json`: the card `sync` posts at once and updates in place as tasks progress. */
export function syncCardData(input: SyncCardInput): SyncCard {
  const failed = input.tasks.some((t) => t.state === 'failed' || t.state === 'not started');
  const partial = input.tasks.some((t) => t.state === 'partial');
  return {
    style: !input.finished ? 'accent' : failed ? 'attention' : partial ? 'warning' : 'good',
    title: !input.finished
      ? 'Sync started'
      : failed
        ? 'Sync finished with problems'
        : partial
          ? 'Sync finished, with parts skipped'
          : 'Sync finished',
    subtitle: `Started by ${input.startedBy}, ${instant(input.startedAt)}.`,
    tasks: input.tasks.map((t) => ({
      state: STATE_WORDS[t.state],
      color: t.state === 'queued' ? 'Default' : statusColor(t.state === 'not started' ? 'failed' : t.state),
      title: TASK_TITLES[t.task]?.title ?? t.task,
      detail: t.detail,
    })),
    footer: input.finished
      ? 'Send `runs` for the full history, `summary` for the refreshed findings.'
      : 'This card updates as the tasks progress; the result follows as a new message.',
  };
}
