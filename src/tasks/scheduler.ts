import { Cron } from 'croner';
import type { Logger } from '../logging/logger';
import type { TaskRuns } from '../store';
import type { RunResult } from './runner';
import { TASK_NAMES, type TaskName } from './task';

/** Roster and access daily, license information every 24 hours (docs/product-rules.md R4), at night by default. */
export const DEFAULT_SCHEDULES: Record<TaskName, string> = {
  roster: '0 2 * * *',
  access: '30 2 * * *',
  licenses: '0 3 * * *',
};

export interface SchedulerOptions {
  schedules: Record<TaskName, string>;
  timezone?: string;
  runs: TaskRuns;
  log: Logger;
  now?: () => Date;
  run(task: TaskName, trigger: 'schedule' | 'startup'): Promise<RunResult>;
}

/**
 * Runs each task on its cron schedule. A schedule missed while no instance was up (the last
 * completed run is older than the latest scheduled time) runs once at start. Overlap within this
 * process is prevented by croner's `protect`, across instances by the task lock in the database.
 */
export class Scheduler {
  private readonly jobs: Cron[] = [];

  constructor(private readonly options: SchedulerOptions) {
    for (const task of TASK_NAMES) {
      // Validates the pattern now: a bad schedule is a start-up error, not a silent no-op.
      new Cron(options.schedules[task], { paused: true, ...(options.timezone ? { timezone: options.timezone } : {}) }).stop();
    }
  }

  /** Tasks whose latest scheduled time passed without a completed run after it. */
  async missed(): Promise<TaskName[]> {
    const now = (this.options.now ?? (() => new Date()))();
    const missed: TaskName[] = [];
    for (const task of TASK_NAMES) {
      const probe = new Cron(this.options.schedules[task], { paused: true, ...(this.options.timezone ? { timezone: this.options.timezone } : {}) });
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
        new Cron(this.options.schedules[task], { protect: true, ...(this.options.timezone ? { timezone: this.options.timezone } : {}) }, async () => {
          await this.safeRun(task, 'schedule');
        }),
      );
    }
    for (const task of await this.missed()) await this.safeRun(task, 'startup');
  }

  stop(): void {
    for (const job of this.jobs.splice(0)) job.stop();
  }

  private async safeRun(task: TaskName, trigger: 'schedule' | 'startup'): Promise<void> {
    try {
      const result = await this.options.run(task, trigger);
      if (!result.started) this.options.log.info({ task, reason: result.reason }, 'scheduled run not started');
    } catch (error) {
      this.options.log.error({ err: error, task }, 'scheduled run failed');
    }
  }
}
