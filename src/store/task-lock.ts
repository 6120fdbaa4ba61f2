import type { DataSource } from 'typeorm';
import { TaskLock } from './entities';

/**
 * One run of a task at a time across every instance on the database. Taking the lock is a single
 * atomic statement (insert, or take over an expired lock), so two schedulers can race safely.
 * A lock expires so that a crashed holder does not block the task forever; a long run renews it.
 */
export class TaskLocks {
  constructor(private readonly dataSource: DataSource) {}

  async acquire(task: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const repo = this.dataSource.getRepository(TaskLock);
    try {
      await repo.insert({ task, holder, acquiredAt: now.toISOString(), expiresAt });
      return true;
    } catch {
      // The row exists: take it over only if it has expired (compare-and-set on expiresAt).
      const result = await repo
        .createQueryBuilder()
        .update(TaskLock)
        .set({ holder, acquiredAt: now.toISOString(), expiresAt })
        .where('task = :task AND expiresAt < :now', { task, now: now.toISOString() })
        .execute();
      return (result.affected ?? 0) === 1;
    }
  }

  async renew(task: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(TaskLock)
      .createQueryBuilder()
      .update(TaskLock)
      .set({ expiresAt: new Date(now.getTime() + ttlMs).toISOString() })
      .where('task = :task AND holder = :holder', { task, holder })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async release(task: string, holder: string): Promise<void> {
    await this.dataSource.getRepository(TaskLock).delete({ task, holder });
  }

  async isHeld(task: string, now: Date): Promise<boolean> {
    const lock = await this.dataSource.getRepository(TaskLock).findOneBy({ task });
    return !!lock && lock.expiresAt >= now.toISOString();
  }
}
