import { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/notice';
import { cardAttachment } from '../cards/render';
import { syncCardData } from '../cards/sync';
import { TASK_TITLES } from '../cards/runs';
import { queuedTasks, runSyncJob } from '../sync/sync-job';
import { ArgumentError, type Command, type CommandContext } from './command';

/**
 * `sync [task]` (admins): answers at once with a "started" card, runs the task(s) in the
 * background while editing that card, and posts the result when done. Never blocks the turn:
 * Teams gives a message 15 seconds, a roster of 100,000 users takes minutes.
 */
export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync [task]',
  description: 'Read the tenant now: all tasks, or one of licenses, roster, access.',
  adminOnly: true,
  async handle(ctx: CommandContext) {
    const { services } = ctx;
    const sync = services.sync;
    if (!sync) {
      await ctx.turn.sendActivity({
        attachments: [
          noticeCard({
            title: 'Sync is not available here',
            text: 'This instance runs without the integration tasks.',
            style: 'warning',
          }),
        ],
      });
      return;
    }
    const tasks = pickTasks(ctx.args, sync.tasks);
    const startedAt = services.now().toISOString();
    const startedBy = ctx.caller.name ?? 'an admin';
    const card = cardAttachment(
      'sync',
      syncCardData({ tasks: queuedTasks(tasks), startedBy, startedAt, finished: false }),
    );
    const response = await ctx.turn.sendActivity({ attachments: [card] });
    const reference = TurnContext.getConversationReference(ctx.turn.activity);
    ctx.log.info({ tasks }, 'sync started');
    services.background.start('sync', () =>
      runSyncJob({
        services,
        sync,
        tasks,
        reference,
        activityId: response?.id ?? '',
        startedBy,
        startedAt,
        log: ctx.log,
      }),
    );
  },
};

function pickTasks(args: string, known: readonly string[]): string[] {
  const word = args.toLowerCase();
  if (!word || word === 'all') return [...known];
  if (known.includes(word)) return [word];
  const names = known.map((t) => `${t} (${TASK_TITLES[t]?.title ?? t})`).join(', ');
  throw new ArgumentError(
    `"${args}" is not a task. The tasks are ${names}, or all of them.`,
    `sync ${known[1] ?? known[0] ?? 'all'}`,
  );
}
