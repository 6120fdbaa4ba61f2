import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { TaskRun, type SkippedPart, type TaskRunCounts } from './entities';

export type TaskStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** This process, as written in task runs and locks. */
export const INSTANCE = `${hostname()}:${process.pid}`;

/** Application Task Tracking: records runs as they start and finish. */
export class TaskRuns {
  constructor(private readonly dataSource: DataSource) {}

  async start(task: string, trigger: string, now: Date): Promise<TaskRun> {
    const run = this.dataSource.getRepository(TaskRun).create({
      id: randomUUID(),
      task,
      trigger,
      startedAt: now.toISOString(),
      finishedAt: null,
      status: 'running',
      mode: null,
      counts: {},
      skipped: [],
      error: null,
      instance: INSTANCE,
    });
    return this.dataSource.getRepository(TaskRun).save(run);
  }

  async finish(
    run: TaskRun,
    outcome: {
      status: Exclude<TaskStatus, 'running'>;
      mode?: string;
      counts: TaskRunCounts;
      skipped: SkippedPart[];
      error?: string;
    },
    now: Date,
  ): Promise<TaskRun> {
    Object.assign(run, {
      ...outcome,
      mode: outcome.mode ?? run.mode,
      error: outcome.error ?? null,
      finishedAt: now.toISOString(),
    });
    return this.dataSource.getRepository(TaskRun).save(run);
  }

  /**
   * A run that is not an integration task's (License Differentiation, Reclamation): recorded whole
   * once it is over, with no lock, since what it does is already serialised where it happens.
   */
  async record(
    task: string,
    trigger: string,
    startedAt: Date,
    outcome: { status: Exclude<TaskStatus, 'running'>; counts: TaskRunCounts; skipped?: SkippedPart[]; error?: string },
    finishedAt: Date,
  ): Promise<TaskRun> {
    return this.dataSource.getRepository(TaskRun).save(
      this.dataSource.getRepository(TaskRun).create({
        id: randomUUID(),
        task,
        trigger,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        status: outcome.status,
        counts: outcome.counts,
        skipped: outcome.skipped ?? [],
        error: outcome.error ?? null,
        instance: INSTANCE,
      }),
    );
  }

  /** The newest runs of a task, newest first. */
  async latest(task: string, limit = 10): Promise<TaskRun[]> {
    return this.dataSource.getRepository(TaskRun).find({ where: { task }, order: { startedAt: 'DESC' }, take: limit });
  }

  /**
   * The newest run that completed (succeeded or partial), used for "missed schedule" checks; with
   * `mode`, the newest that completed in that mode (the weekly full sync).
   */
  async lastCompleted(task: string, mode?: string): Promise<TaskRun | null> {
    const query = this.dataSource
      .getRepository(TaskRun)
      .createQueryBuilder('run')
      .where('run.task = :task', { task })
      .andWhere('run.status IN (:...done)', { done: ['succeeded', 'partial'] });
    if (mode) query.andWhere('run.mode = :mode', { mode });
    return query.orderBy('run.startedAt', 'DESC').getOne();
  }

  /**
   * Runs left `running` by a process that died: marked failed so the history is honest. Only runs
   * whose task lock is no longer held are touched.
   */
  async failAbandoned(now: Date, lockHeld: (task: string) => Promise<boolean>): Promise<number> {
    const running = await this.dataSource.getRepository(TaskRun).findBy({ status: 'running' });
    let count = 0;
    for (const run of running) {
      if (await lockHeld(run.task)) continue;
      await this.finish(
        run,
        {
          status: 'failed',
          counts: run.counts,
          skipped: run.skipped,
          error: 'The process running this task stopped before it finished.',
        },
        now,
      );
      count++;
    }
    return count;
  }
}
