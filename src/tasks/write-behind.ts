import type { EntityManager } from 'typeorm';
import type { TaskContext } from './task';

/**
 * Writes one batch while the task reads and parses the next: at most one write is in flight, so the
 * database (SQLite's worker thread, or the PostgreSQL server) works while this thread waits for Graph
 * or checks the next page, and memory holds two batches at most. A failed write fails the next
 * `push` or the `flush`. Each write is one transaction; the rows it wrote are counted.
 */
export class WriteBehind {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: TaskContext) {}

  /** Waits for the write before, then starts this one and returns without waiting for it. */
  async push(work: (manager: EntityManager) => Promise<number>): Promise<void> {
    await this.pending;
    const write = this.ctx.write(work).then((rows) => this.ctx.count('rowsWritten', rows));
    // Observed now so a failure is not an unhandled rejection; awaited (and thrown) by the next push or flush.
    write.catch(() => undefined);
    this.pending = write;
  }

  async flush(): Promise<void> {
    await this.pending;
  }
}

/**
 * Runs `work` with a WriteBehind and waits for its last write. When `work` fails, the write in
 * flight still ends before the failure is passed on, so no write outlives the task run.
 */
export async function withWriteBehind<T>(ctx: TaskContext, work: (writer: WriteBehind) => Promise<T>): Promise<T> {
  const writer = new WriteBehind(ctx);
  let result: T;
  try {
    result = await work(writer);
  } catch (error) {
    await writer.flush().catch(() => undefined);
    throw error;
  }
  await writer.flush();
  return result;
}
