import type { EntityManager } from 'typeorm';

/**
 * Runs one statement on the manager's connection (its transaction, when it has one) and returns how
 * many rows it inserted, updated or deleted, as the driver counts them (SQLite `changes`, PostgreSQL
 * `rowCount`): the tasks report the rows they really wrote, not the rows they read.
 */
export async function execute(manager: EntityManager, sql: string, params: readonly unknown[]): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, [...params], true);
    return result.affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** SQL that is true when two values differ, NULL counting as a value: the two dialects spell it differently. */
export function differs(manager: EntityManager, a: string, b: string): string {
  return manager.connection.options.type === 'postgres' ? `${a} IS DISTINCT FROM ${b}` : `${a} IS NOT ${b}`;
}

/** Adds values to a statement's parameters and returns their placeholders (`?` on SQLite, `$n` on PostgreSQL), comma-separated. */
export function bind(manager: EntityManager, params: unknown[], values: readonly unknown[]): string {
  const driver = manager.connection.driver;
  return values
    .map((v) => {
      params.push(v);
      return driver.createParameter(`p${params.length}`, params.length - 1);
    })
    .join(', ');
}
