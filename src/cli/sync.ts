import { z } from 'zod';
import { graphConfigFor } from '../config';
import { GraphClient } from '../graph';
import { prepareUsageSnapshot } from '../insights/usage-snapshot';
import { startSimulator } from '../simulator';
import { runTask } from '../tasks/runner';
import { INTEGRATION_TASKS } from '../tasks/registry';
import { TASK_NAMES } from '../tasks/task';
import { EXIT, defineCommand, type ExitCode } from './core/command';
import { main } from './core/run';

export const syncSchema = z
  .object({
    task: z
      .enum(['all', ...TASK_NAMES], { errorMap: (_, ctx) => ({ message: `unknown task ${JSON.stringify(ctx.data)}` }) })
      .default('all'),
    /** Read everything rather than what changed since the last run. */
    full: z.boolean().optional(),
  })
  .strict();

const OUTCOME: Record<string, ExitCode> = { succeeded: EXIT.ok, partial: EXIT.partial };

/**
 * `npm run sync`: runs tasks once with the bot's configuration, prints progress and one summary line
 * per task. In demo mode it syncs the demo tenant into the demo store.
 */
export const syncCommand = defineCommand({
  name: 'sync',
  synopsis: '[--task roster|access|licenses|all] [--full]',
  help: [
    'Runs the integration tasks once (all of them by default, licenses, roster, then access) against the',
    'configured tenant, or the demo tenant in demo mode, and prints one summary line per task.',
    'Reads what changed since the last run (users through their delta, sign-ins since then, the usage',
    'reports once a day); --full reads everything, as the weekly scheduled run does.',
    'Exit code 0 when every task succeeded, 1 when one ended partial (what it skipped and the permission',
    'to grant are printed), 2 when one failed or could not start, or on a usage error.',
  ].join('\n'),
  options: { task: { type: 'string' }, full: { type: 'boolean' } },
  schema: syncSchema,
  async run(args, { config, store: dataSource, log, io }) {
    // Progress is a side show: a reader that went away (`| head`) never stops the sync itself.
    const say = (text: string) => {
      if (!io.closed) io.out(text);
    };
    const simulator = config.mode === 'demo' ? await startSimulator({ users: 2000, seed: 1 }) : undefined;
    const graph = new GraphClient({ config: simulator ? graphConfigFor(simulator) : config.graph! });
    let worst: ExitCode = EXIT.ok;
    let ran = false;
    try {
      for (const name of args.task === 'all' ? TASK_NAMES : [args.task]) {
        const started = Date.now();
        const progress = (_: string, message: string) => {
          const s = graph.stats.snapshot();
          say(
            `\r${name}: ${message} — ${((Date.now() - started) / 1000).toFixed(1)} s, ${s.requests} requests, ${s.retries} retries, ${s.throttledSeconds} s waited   `,
          );
        };
        const result = await runTask(INTEGRATION_TASKS[name], {
          graph,
          dataSource,
          log,
          trigger: 'manual',
          mode: args.full ? 'full' : 'incremental',
          onProgress: progress,
        });
        say('\n');
        if (!result.started) {
          say(`${name}: not started: ${result.reason}\n`);
          worst = EXIT.failed;
          continue;
        }
        const { status, counts, skipped, error } = result.run;
        const skippedText = skipped.map((s) => `${s.part}${s.permission ? ` (grant ${s.permission})` : ''}`).join('; ');
        say(
          `${name}: ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s${result.run.mode ? ` (${result.run.mode})` : ''} — ${JSON.stringify(counts)}${skippedText ? ` — skipped: ${skippedText}` : ''}${error ? ` — error: ${error}` : ''}\n`,
        );
        worst = Math.max(worst, OUTCOME[status] ?? EXIT.failed) as ExitCode;
        ran = true;
      }
      // As the app does after a run: License Differentiation is rebuilt from what the tasks stored.
      if (ran) await prepareUsageSnapshot(dataSource, new Date());
    } finally {
      await graph.close();
      await simulator?.stop();
    }
    return worst;
  },
});

if (require.main === module) main(syncCommand);
