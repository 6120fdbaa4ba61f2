import type { DataSource } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs database writes of one DataSource one after another. The SQLite driver has a single
 * connection, so two transactions started concurrently would interleave their BEGIN and COMMIT;
 * parts of a task that read Graph concurrently queue their writes here instead.
 */
export function queueWrite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(dataSource, next.catch(() => undefined));
  return next;
}
