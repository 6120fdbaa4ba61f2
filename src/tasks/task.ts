import type { DataSource } from 'typeorm';
import type { GraphClient } from '../graph';
import type { Logger } from '../logging/logger';
import type { SkippedPart, TaskRun, TaskRunCounts } from '../store';

export type TaskName = 'roster' | 'access' | 'licenses';
/** In dependency order: the roster's license rows name the SKUs License Information reads. */
export const TASK_NAMES: readonly TaskName[] = ['licenses', 'roster', 'access'];

/** What a task gets: one object (graph, store, clock, logger) and the run it reports into. */
export interface TaskContext {
  graph: GraphClient;
  dataSource: DataSource;
  log: Logger;
  now: () => Date;
  run: TaskRun;
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
