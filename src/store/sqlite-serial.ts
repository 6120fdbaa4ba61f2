import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * TypeORM's SQLite driver shares ONE connection and one query runner between every caller, so two
 * transactions started concurrently (a sync writing a page while the bot saves state or records an
 * approval) would nest into each other and fail ("cannot start a transaction within a
 * transaction"), or worse, commit each other's work. This makes transactions take turns: the first
 * holds the connection until it commits or rolls back; code inside it (nested transactions, implicit
 * ones from `save()`) runs as part of it. PostgreSQL has a pool and real isolation, and needs none of this.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<void> = Promise.resolve();
  const acquire = async (): Promise<() => void> => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  };

  const runner = dataSource.createQueryRunner();
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);
  let implicitRelease: (() => void) | undefined;
  // Implicit transactions (repository.save outside an explicit one) take the turn at BEGIN and
  // give it back when the outermost level commits or rolls back.
  runner.startTransaction = async (isolation?: Parameters<QueryRunner['startTransaction']>[0]) => {
    if (!inside.getStore() && !runner.isTransactionActive) {
      const release = await acquire();
      implicitRelease = release;
    }
    return start(isolation);
  };
  const finish = (original: () => Promise<void>) => async () => {
    try {
      await original();
    } finally {
      if (!runner.isTransactionActive && implicitRelease) {
        const release = implicitRelease;
        implicitRelease = undefined;
        release();
      }
    }
  };
  runner.commitTransaction = finish(commit);
  runner.rollbackTransaction = finish(rollback);

  // Explicit transactions take the turn for their whole callback, in an async context that marks
  // everything inside as part of it.
  const explicit = dataSource.manager.transaction.bind(dataSource.manager) as (
    fn: (m: EntityManager) => Promise<unknown>,
  ) => Promise<unknown>;
  const serialized = async (...args: unknown[]): Promise<unknown> => {
    const fn = args[args.length - 1] as (m: EntityManager) => Promise<unknown>;
    if (inside.getStore()) return explicit(fn);
    const release = await acquire();
    try {
      return await inside.run(true, () => explicit(fn));
    } finally {
      release();
    }
  };
  (dataSource.manager as { transaction: unknown }).transaction = serialized;
  (dataSource as { transaction: unknown }).transaction = serialized;
}
