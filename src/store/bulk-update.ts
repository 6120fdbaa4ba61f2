import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { execute } from './execute';
import { storedValues } from './json-rows';
import { writeRowBatches } from './row-batches';

/**
 * Updates many rows by primary key `id` in few statements:
 * `UPDATE t SET c = <value> FROM <the rows> WHERE t.id = <their id>`, the rows in batches
 * (src/store/row-batches.ts), the same SQL on SQLite (≥ 3.33) and PostgreSQL. Each row is
 * found once through the primary key, so a statement costs as many rows as it updates (the former
 * `CASE id WHEN …` cost the square of them). A row without a value for a column keeps its value:
 * rows are grouped by the columns they carry. Returns the rows updated.
 */
export async function bulkUpdateById<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly ({ id: string } & Partial<Record<string, unknown>>)[],
  columns: readonly string[],
): Promise<number> {
  const groups = new Map<string, { columns: string[]; rows: ({ id: string } & Partial<Record<string, unknown>>)[] }>();
  for (const row of rows) {
    const carried = columns.filter((c) => row[c] !== undefined);
    if (carried.length === 0) continue;
    const key = carried.join(',');
    const group = groups.get(key) ?? { columns: carried, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  let updated = 0;
  for (const group of groups.values()) updated += await updateGroup(manager, entity, group.rows, group.columns);
  return updated;
}

async function updateGroup<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): Promise<number> {
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(entity);
  const metas = ['id', ...columns].map((c) => {
    const meta = metadata.findColumnWithPropertyName(c);
    if (!meta) throw new Error(`${metadata.tableName} has no column ${c}`);
    return meta;
  });
  const table = driver.escape(metadata.tableName);
  const values = rows.map((row) => storedValues(manager, row, metas));
  return writeRowBatches(manager, values, metas.length, (source, params, conflict) => {
    const sets = metas
      .slice(1)
      .map((m, k) => `${driver.escape(m.databaseName)} = ${source.value(k + 1, m)}`)
      .join(', ');
    return execute(
      manager,
      `UPDATE${conflict} ${table} SET ${sets} FROM ${source.from} WHERE ${table}.${driver.escape(metas[0]!.databaseName)} = ${source.value(0, metas[0])}`,
      params,
    );
  });
}
