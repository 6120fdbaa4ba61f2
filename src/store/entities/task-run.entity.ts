import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface TaskRunCounts {
  users?: number;
  rowsWritten?: number;
  requests?: number;
  retries?: number;
  throttledSeconds?: number;
  [key: string]: number | undefined;
}

export interface SkippedPart {
  part: string;
  reason: string;
  /** The Graph permission to grant, when that is why. */
  permission?: string;
}

/** Application Task Tracking: one run of an integration task. */
@Entity({ name: 'task_runs' })
@Index('IDX_task_runs_task_started', ['task', 'startedAt'])
export class TaskRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** roster, access, licenses, differentiation, reclamation. */
  @Column({ type: 'varchar', length: 32 })
  task!: string;

  /** schedule, manual, startup. */
  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  @Column({ type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;

  /** running, succeeded, partial, failed. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** `full` or `incremental` (src/tasks/task.ts, SyncMode); null for runs of older versions. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  mode?: string | null;

  @Column({ type: 'simple-json' })
  counts!: TaskRunCounts;

  @Column({ type: 'simple-json' })
  skipped!: SkippedPart[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Which process ran it (hostname:pid), for operators of several instances. */
  @Column({ type: 'varchar', length: 128 })
  instance!: string;
}

/** Guards one run of a task at a time across instances sharing the database. */
@Entity({ name: 'task_locks' })
export class TaskLock {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  task!: string;

  @Column({ type: 'varchar', length: 128 })
  holder!: string;

  @Column({ type: 'varchar', length: 32 })
  acquiredAt!: string;

  /** A lock past this instant is stale (its holder died) and may be taken over. */
  @Column({ type: 'varchar', length: 32 })
  expiresAt!: string;
}

/** Incremental positions, e.g. the newest sign-in already read, or the users' deltaLink. */
@Entity({ name: 'sync_cursors' })
export class SyncCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
