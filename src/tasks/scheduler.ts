import { Cron } from 'croner';
import type { Logger } from '../logging/logger';
import type { TaskRuns } from '../store';
import type { RunResult } from './runner';
import { TASK_NAMES, type SyncMode, type TaskName } from './task';

/** Roster and access daily, license information every 24 hours (docs/product-rules.md R4), at night by default. */
export const DEFAULT_SCHEDULES: Record<TaskName, string> = {
  roster: '0 2 * * *',
  access: '30 2 * * *',
  licenses: '0 3 * * *',
};

/**
 * A scheduled run reads everything when the last full one started longer ago than this: weekly, with
 * half a day's slack so that a run at 02:00 a week after one at 02:00:05 is full. Users/delta links
 * live 7 days: daily incremental runs renew them, and one that expired falls back to full anyway.
 */
export const FULL_SYNC_EVERY_MS = 6.5 * 86_400_000;

export interface SchedulerOptions {
  schedules: Record<TaskName, string>;
  timezone?: string;
  runs: TaskRuns;
  log: Logger;
  now?: () => Date;
  run(task: TaskName, trigger: 'schedule' | 'startup', mode: SyncMode): Promise<RunResult>;
}

/**
 * Runs each task on its cron schedule: incremental daily, full when the last full run is a week old
 * (`mode`). A schedule missed while no instance was up (the last completed run is older than the
 * latest scheduled time) runs once at start. Overlap within this process is prevented by croner's
 * `protect`, across instances by the task lock in the database.
 */
export class Scheduler {
  private readonly jobs: Cron[] = [];

  constructor(private readonly options: SchedulerOptions) {
    for (const task of TASK_NAMES) {
      // Validates the pattern now: a bad schedule is a start-up error, not a silent no-op.
      new Cron(options.schedules[task], {
        paused: true,
        ...(options.timezone ? { timezone: options.timezone } : {}),
      }).stop();
    }
  }

  /** Tasks whose latest scheduled time passed without a completed run after it. */
  async missed(): Promise<TaskName[]> {
    const now = (this.options.now ?? (() => new Date()))();
    const missed: TaskName[] = [];
    for (const task of TASK_NAMES) {
      const probe = new Cron(this.options.schedules[task], {
        paused: true,
        ...(this.options.timezone ? { timezone: this.options.timezone } : {}),
      });
      const [previous] = probe.previousRuns(1, now);
      probe.stop();
      const last = await this.options.runs.lastCompleted(task);
      if (!last || (previous && last.startedAt < previous.toISOString())) missed.push(task);
    }
    return missed;
  }

  /** Starts the schedules and runs what was missed, one task after another. */
  async start(): Promise<void> {
    for (const task of TASK_NAMES) {
      this.jobs.push(
        new Cron(
          this.options.schedules[task],
          { protect: true, ...(this.options.timezone ? { timezone: this.options.timezone } : {}) },
          async () => {
            await this.safeRun(task, 'schedule');
          },
        ),
      );
    }
    for (const task of await this.missed()) await this.safeRun(task, 'startup');
  }

  stop(): void {
    for (const job of this.jobs.splice(0)) job.stop();
  }

  /** Full when no full run of the task completed within the last week, incremental otherwise. */
  async mode(task: TaskName): Promise<SyncMode> {
    const now = (this.options.now ?? (() => new Date()))();
    const last = await this.options.runs.lastCompleted(task, 'full');
    return last && now.getTime() - Date.parse(last.startedAt) < FULL_SYNC_EVERY_MS ? 'incremental' : 'full';
  }

  private async safeRun(task: TaskName, trigger: 'schedule' | 'startup'): Promise<void> {
    try {
      const result = await this.options.run(task, trigger, await this.mode(task));
      if (!result.started) this.options.log.info({ task, reason: result.reason }, 'scheduled run not started');
    } catch (error) {
      this.options.log.error({ err: error, task }, 'scheduled run failed');
    }
  }
}
