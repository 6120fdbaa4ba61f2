import type { ConversationReference } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { TaskRuns } from '../../store';
import { cardAttachment } from '../cards/render';
import { countsText, runsCardData } from '../cards/runs';
import { syncCardData, type SyncTaskView } from '../cards/sync';
import type { BotServices } from '../services';
import type { SyncService } from './sync-service';
import { Throttled } from './throttled';

export interface SyncJobOptions {
  services: BotServices;
  sync: SyncService;
  tasks: readonly string[];
  reference: Partial<ConversationReference>;
  /** The "started" card to keep updated. */
  activityId: string;
  startedBy: string;
  startedAt: string;
  log: Logger;
  /** Minimum time between two edits of the card. Default 2 s. */
  progressIntervalMs?: number;
}

/**
 * Posts a "started" card to the conversation and runs the tasks in the background (BackgroundWork),
 * editing that card as they progress: `sync`, and the sync after an admin grants permissions.
 */
export async function startSyncJob(
  services: BotServices,
  sync: SyncService,
  tasks: readonly string[],
  reference: Partial<ConversationReference>,
  startedBy: string,
  log: Logger,
): Promise<void> {
  const startedAt = services.now().toISOString();
  const card = cardAttachment(
    'sync',
    syncCardData({ tasks: queuedTasks(tasks), startedBy, startedAt, finished: false }),
  );
  const activityId = (await services.proactive.send(reference, card)) ?? '';
  services.background.start('sync', () =>
    runSyncJob({ services, sync, tasks, reference, activityId, startedBy, startedAt, log }),
  );
}

/** The views a new sync card starts with: every task queued. */
export function queuedTasks(tasks: readonly string[]): SyncTaskView[] {
  return tasks.map((task) => ({ task, state: 'queued', detail: '' }));
}

/**
 * Runs the tasks one after another in the background, editing the "started" card as they
 * progress, then posts the result (the task tracking card of the runs) as a new message.
 */
export async function runSyncJob(options: SyncJobOptions): Promise<void> {
  const { services, sync, reference, log } = options;
  const views = queuedTasks(options.tasks);
  let finished = false;
  const card = () =>
    cardAttachment(
      'sync',
      syncCardData({ tasks: views, startedBy: options.startedBy, startedAt: options.startedAt, finished }),
    );
  const updater = new Throttled(
    () => services.proactive.update(reference, options.activityId, card()),
    options.progressIntervalMs ?? 2000,
    (error) => log.warn({ err: error }, 'could not update the sync card'),
  );
  for (const view of views) {
    view.state = 'running';
    updater.poke();
    try {
      const result = await sync.run(view.task, (message) => {
        view.detail = message;
        updater.poke();
      });
      if (result.started) {
        view.state =
          result.run.status === 'succeeded' || result.run.status === 'partial' ? result.run.status : 'failed';
        view.detail =
          result.run.status === 'failed'
            ? (result.run.error ?? 'failed')
            : `${countsText(result.run.counts)}${result.run.skipped.length ? ` · ${result.run.skipped.length} part(s) skipped` : ''}`;
      } else {
        view.state = 'not started';
        view.detail = result.reason;
      }
    } catch (error) {
      log.error({ err: error, task: view.task }, 'sync task threw');
      view.state = 'failed';
      view.detail = 'stopped by an unexpected error (logged)';
    }
    updater.poke();
  }
  finished = true;
  await updater.flush();
  const runs = services.taskRuns;
  const latest: Record<string, Awaited<ReturnType<TaskRuns['latest']>>> = {};
  for (const task of sync.tasks) latest[task] = await runs.latest(task, 1);
  await services.proactive.send(
    reference,
    cardAttachment('runs', runsCardData({ runs: latest, now: services.now(), banner: services.banner })),
    'Sync finished',
  );
}
