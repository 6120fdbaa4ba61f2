import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { execute } from './execute';
import { storedValues } from './json-rows';
import { writeRowBatches } from './row-batches';

/**
 * Inserts many rows in few statements, or upserts them with `ON CONFLICT (keys) DO UPDATE SET
 * col = excluded.col` (the same syntax on SQLite ≥ 3.24 and PostgreSQL). The rows travel in batches
 * of a few hundred per statement (src/store/row-batches.ts), never through the query builder, whose
 * parameter handling costs more than the database's work at hundreds of thousands of rows. Values go
 * through the driver's own conversion (booleans, simple-json), so rows are written exactly as the
 * repository would write them. Returns the rows the database inserted or updated.
 */
export async function bulkUpsert<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
  options: { conflict?: readonly string[]; update?: readonly string[] } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter(
    (c) => !c.isGenerated && rows.some((r) => r[c.propertyName as keyof T] !== undefined),
  );
  const names = columns.map((c) => driver.escape(c.databaseName));
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
  const values = rows.map((row) => storedValues(manager, row, columns));
  const table = `${driver.escape(metadata.tableName)} (${names.join(', ')})`;
  return writeRowBatches(manager, values, columns.length, (source, params, conflict) =>
    execute(
      manager,
      source.values
        ? `INSERT${conflict} INTO ${table} ${source.values}${suffix}`
        : // `WHERE true`: SQLite would read the ON of ON CONFLICT as a join's (sqlite.org/lang_upsert.html).
          `INSERT${conflict} INTO ${table} SELECT ${columns.map((c, k) => source.value(k, c)).join(', ')} FROM ${source.from} WHERE true${suffix}`,
      params,
    ),
  );
}
