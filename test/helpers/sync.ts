import type { DataSource } from 'typeorm';
import { graphConfigFor } from '../../src/config';
import { GraphClient, type RetryOptions } from '../../src/graph';
import { createLogger } from '../../src/logging/logger';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { openStore, type TaskRun } from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { runTask } from '../../src/tasks/runner';
import { TASK_NAMES, type IntegrationTask } from '../../src/tasks/task';
import { testDatabase } from './test-database';

export interface SyncBed {
  sim: RunningSimulator;
  graph: GraphClient;
  dataSource: DataSource;
  /** The same database as a DATABASE_URL value, for an app started on it. */
  databaseUrl: string;
  /** `now`: the tasks' clock (default the wall clock); the simulator's, for a tenant aged with `advanceDays`. */
  run(task: IntegrationTask, now?: () => Date): Promise<TaskRun>;
  syncAll(now?: () => Date): Promise<TaskRun[]>;
  stop(): Promise<void>;
}

/** The simulator, the real Graph client against it over HTTPS, and a fresh database (test-database.ts). */
export async function startSyncBed(options: SimulatorOptions = {}, retry: RetryOptions = { maxAttempts: 10, budgetMs: 60_000, baseDelayMs: 5, maxDelayMs: 50 }): Promise<SyncBed> {
  const sim = await startSimulator({ users: 1000, seed: 11, ...options });
  const database = await testDatabase();
  const dataSource = await openStore(database.config);
  const graph = new GraphClient({
    config: graphConfigFor(sim),
    retry,
  });
  const log = createLogger({ level: 'silent', secrets: [] });
  const run = async (task: IntegrationTask, now?: () => Date) => {
    const result = await runTask(task, { graph, dataSource, log, trigger: 'manual', ...(now ? { now } : {}) });
    if (!result.started) throw new Error(result.reason);
    return result.run;
  };
  return {
    sim,
    graph,
    dataSource,
    databaseUrl: database.url,
    run,
    async syncAll(now?: () => Date) {
      const runs: TaskRun[] = [];
      for (const task of TASK_NAMES.map((name) => INTEGRATION_TASKS[name])) runs.push(await run(task, now));
      return runs;
    },
    async stop() {
      await graph.close();
      await dataSource.destroy();
      await sim.stop();
      await database.cleanup();
    },
  };
}
