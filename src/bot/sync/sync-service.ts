import type { TaskRun } from '../../store';

/** Whether a task ran: it may not start when another run (here or on another instance) holds its lock. */
export type SyncResult = { started: false; reason: string } | { started: true; run: TaskRun };

/**
 * What `sync` needs from the integration tasks, injected (built in src/index.ts from `runTask`) so
 * the bot neither knows how tasks run nor blocks a turn on them.
 */
export interface SyncService {
  /** Task names in the order a full sync runs them (license information first). */
  readonly tasks: readonly string[];
  /** Runs one task now (trigger `manual`), reporting progress messages as it goes. */
  run(task: string, onProgress: (message: string) => void): Promise<SyncResult>;
}
