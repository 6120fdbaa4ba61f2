import type { DataSource, EntityManager } from 'typeorm';
import type { GraphClient } from '../graph';
import type { Logger } from '../logging/logger';
import type { SkippedPart, TaskRun, TaskRunCounts } from '../store';
import type { TaskTiming } from './timing';

export type TaskName = 'roster' | 'access' | 'licenses';
/** In dependency order: the roster's license rows name the SKUs License Information reads. */
export const TASK_NAMES: readonly TaskName[] = ['licenses', 'roster', 'access'];

/**
 * `full` reads everything Graph has; `incremental` reads what changed since the last run (users
 * through their delta, sign-ins since a cursor, reports once a day) and is what a task does unless
 * a full run is asked for or due (src/tasks/scheduler.ts) or it has nothing to start from.
 */
export type SyncMode = 'full' | 'incremental';

/** What a task gets: one object (graph, store, clock, logger) and the run it reports into. */
export interface TaskContext {
  graph: GraphClient;
  dataSource: DataSource;
  log: Logger;
  now: () => Date;
  run: TaskRun;
  /** Asked for by the caller; a task that cannot go on incrementally sets it to `full` (recorded with the run). */
  mode: SyncMode;
  /** Where the run's time goes (waiting on Graph, parsing, writing). */
  timing: TaskTiming;
  /** Writes the store in one transaction, timed as writing. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Application permissions granted, from the token's `roles` claim. */
  roles: ReadonlySet<string>;
  /** Records a part the run could not do and why; the run ends `partial`. */
  skip(part: SkippedPart): void;
  /** Adds to a count of the run (users, rows written, …). */
  count(key: keyof TaskRunCounts & string, n?: number): void;
  /** Progress for whoever watches (CLI, the bot's sync card). */
  progress(message: string): void;
}

export interface IntegrationTask {
  name: TaskName;
  run(ctx: TaskContext): Promise<void>;
}
