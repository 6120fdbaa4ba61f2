import { parseArgs } from 'node:util';
import { graphConfigFor } from '../config';
import { GraphClient } from '../graph';
import { createLogger } from '../logging/logger';
import { startSimulator } from '../simulator';
import { openStore } from '../store';
import { runTask } from '../tasks/runner';
import { INTEGRATION_TASKS } from '../tasks/registry';
import { TASK_NAMES, type TaskName } from '../tasks/task';
import { cliConfig } from './environment';

/**
 * `npm run sync -- [--task roster|access|licenses|all]`: runs tasks once with the bot's
 * configuration, prints progress and one summary line per task. Exit 0 all succeeded, 1 any
 * partial, 2 any failed (or bad arguments). In demo mode it syncs the demo tenant into the demo store.
 */

async function main(): Promise<number> {
  let task: string;
  try {
    task = parseArgs({ options: { task: { type: 'string', default: 'all' } } }).values.task ?? 'all';
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: npm run sync -- [--task roster|access|licenses|all]\n`);
    return 2;
  }
  if (task !== 'all' && !(task in INTEGRATION_TASKS)) {
    process.stderr.write(`unknown task "${task}"\nusage: npm run sync -- [--task roster|access|licenses|all]\n`);
    return 2;
  }
  const config = cliConfig();
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: config.secrets });
  const simulator = config.mode === 'demo' ? await startSimulator({ users: 2000, seed: 1 }) : undefined;
  const graph = new GraphClient({ config: simulator ? graphConfigFor(simulator) : config.graph! });
  const dataSource = await openStore(config.database);
  let worst = 0;
  try {
    for (const name of task === 'all' ? TASK_NAMES : [task as TaskName]) {
      const started = Date.now();
      const progress = (_: string, message: string) => {
        const s = graph.stats.snapshot();
        process.stdout.write(`\r${name}: ${message} — ${((Date.now() - started) / 1000).toFixed(1)} s, ${s.requests} requests, ${s.retries} retries, ${s.throttledSeconds} s waited   `);
      };
      const result = await runTask(INTEGRATION_TASKS[name], { graph, dataSource, log, trigger: 'manual', onProgress: progress });
      process.stdout.write('\n');
      if (!result.started) {
        process.stdout.write(`${name}: not started: ${result.reason}\n`);
        worst = Math.max(worst, 2);
        continue;
      }
      const { status, counts, skipped, error } = result.run;
      const skippedText = skipped.map((s) => `${s.part}${s.permission ? ` (grant ${s.permission})` : ''}`).join('; ');
      process.stdout.write(`${name}: ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s — ${JSON.stringify(counts)}${skippedText ? ` — skipped: ${skippedText}` : ''}${error ? ` — error: ${error}` : ''}\n`);
      worst = Math.max(worst, status === 'succeeded' ? 0 : status === 'partial' ? 1 : 2);
    }
  } finally {
    await graph.close();
    await dataSource.destroy();
    await simulator?.stop();
  }
  return worst;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sync failed: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
