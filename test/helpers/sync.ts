import type { DataSource } from 'typeorm';
import { graphConfigFor } from '../../src/config';
import { GraphClient, type RetryOptions } from '../../src/graph';
import { createLogger } from '../../src/logging/logger';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { openStore, type TaskRun } from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { runTask } from '../../src/tasks/runner';
import { TASK_NAMES, type IntegrationTask, type SyncMode } from '../../src/tasks/task';
import { testDatabase } from './test-database';

/** A fresh database (test-database.ts) the tasks sync into through a Graph client. */
export interface SyncStore {
  dataSource: DataSource;
  /** The same database as a DATABASE_URL value, for an app started on it. */
  databaseUrl: string;
  /** Runs a task; incremental unless `full` is asked for (the task falls back to full when it must). */
  run(task: IntegrationTask, mode?: SyncMode): Promise<TaskRun>;
  syncAll(mode?: SyncMode): Promise<TaskRun[]>;
  close(): Promise<void>;
}

export interface SyncBed extends SyncStore {
  sim: RunningSimulator;
  graph: GraphClient;
  stop(): Promise<void>;
}

/** The simulator, the real Graph client against it over HTTPS, and a fresh database. */
export async function startSyncBed(
  options: SimulatorOptions = {},
  retry: RetryOptions = { maxAttempts: 10, budgetMs: 60_000, baseDelayMs: 5, maxDelayMs: 50 },
): Promise<SyncBed> {
  const sim = await startSimulator({ users: 1000, seed: 11, ...options });
  const graph = new GraphClient({ config: graphConfigFor(sim), retry });
  // The product's clock is the tenant's: a test that moves the simulated day moves both.
  const store = await openSyncStore(graph, () => sim.control.now());
  return {
    ...store,
    sim,
    graph,
    async stop() {
      await graph.close();
      await store.close();
      await sim.stop();
    },
  };
}

/** Another fresh database synced from the same Graph (e.g. a bed's simulator), on the given clock. */
export async function openSyncStore(graph: GraphClient, now?: () => Date): Promise<SyncStore> {
  const database = await testDatabase();
  const dataSource = await openStore(database.config);
  const log = createLogger({ level: 'silent', secrets: [] });
  const run = async (task: IntegrationTask, mode?: SyncMode) => {
    const result = await runTask(task, {
      graph,
      dataSource,
      log,
      trigger: 'manual',
      ...(mode ? { mode } : {}),
      ...(now ? { now } : {}),
    });
    if (!result.started) throw new Error(result.reason);
    return result.run;
  };
  return {
    dataSource,
    databaseUrl: database.url,
    run,
    async syncAll(mode?: SyncMode) {
      const runs: TaskRun[] = [];
      for (const task of TASK_NAMES.map((name) => INTEGRATION_TASKS[name])) runs.push(await run(task, mode));
      return runs;
    },
    async close() {
      await dataSource.destroy();
      await database.cleanup();
    },
  };
}
