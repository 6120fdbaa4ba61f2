import type { TaskRun } from '../../store';
import { cardAttachment } from '../cards/render';
import { TRACKED_TASKS } from '../../insights';
import { runsCardData } from '../cards/runs';
import { noArguments, type Command, type CommandContext } from './command';

/** How many runs per task the card shows: enough to see a trend, small enough for 28 KB. */
const RUNS_PER_TASK = 3;

/** `runs`: Application Task Tracking, the last runs of each task with status, counts and skipped parts. */
export const runsCommand: Command = {
  name: 'runs',
  usage: 'runs',
  description:
    'Application Task Tracking: the last runs of the five tasks (roster, access, license information, differentiation, reclamation), with what they skipped.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'runs');
    const byTask: Record<string, TaskRun[]> = {};
    for (const { task } of TRACKED_TASKS) byTask[task] = await ctx.services.taskRuns.latest(task, RUNS_PER_TASK);
    await ctx.turn.sendActivity({
      attachments: [
        cardAttachment('runs', runsCardData({ runs: byTask, now: ctx.services.now(), banner: ctx.services.banner })),
      ],
    });
  },
};
