import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound values per statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 20_000;

/**
 * Inserts many rows in few statements, or upserts them with `ON CONFLICT (keys) DO UPDATE SET
 * col = excluded.col` (the same syntax on SQLite ≥ 3.24 and PostgreSQL). Built by hand with the
 * driver's placeholders: the query builder's parameter handling costs more than the database
 * work at hundreds of thousands of rows. Values go through the driver's own conversion
 * (booleans, simple-json), so rows are written exactly as the repository would write them.
 */
export async function bulkUpsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
  options: { conflict?: readonly string[]; update?: readonly string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => !c.isGenerated && rows.some((r) => r[c.propertyName as keyof T] !== undefined));
  const names = columns.map((c) => driver.escape(c.databaseName));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  let suffix = '';
  if (options.conflict) {
    const byProperty = (p: string) => {
      const column = metadata.findColumnWithPropertyName(p);
      if (!column) throw new Error(`${metadata.tableName} has no column ${p}`);
      return driver.escape(column.databaseName);
    };
    const updates = (options.update ?? []).map((p) => `${byProperty(p)} = excluded.${byProperty(p)}`);
    suffix = ` ON CONFLICT (${options.conflict.map(byProperty).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  }
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        const value = row[column.propertyName as keyof T];
        params.push(value === undefined ? null : driver.preparePersistentValue(value, column));
        return driver.createParameter(`p${params.length}`, params.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${driver.escape(metadata.tableName)} (${names.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`, params);
  }
}
