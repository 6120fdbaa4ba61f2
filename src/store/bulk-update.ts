import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per statement: CASE is evaluated WHEN by WHEN for every row, so cost grows with the square of this. */
const ROWS_PER_STATEMENT = 200;

/**
 * Updates many rows by primary key `id` in few statements:
 * `UPDATE t SET c = CASE id WHEN ? THEN ? … ELSE c END WHERE id IN (…)`. Portable SQL, with the
 * driver's own placeholders (`?` on SQLite, `$n` on PostgreSQL); built by hand because the query
 * builder's named-parameter handling is quadratic in the number of parameters. A row without a
 * value for a column keeps its current value.
 */
export async function bulkUpdateById<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly ({ id: string } & Partial<Record<string, unknown>>)[],
  columns: readonly string[],
): Promise<void> {
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(entity);
  const table = driver.escape(metadata.tableName);
  const id = driver.escape('id');
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return driver.createParameter(`p${params.length}`, params.length - 1);
    };
    const sets: string[] = [];
    for (const column of columns) {
      const meta = metadata.findColumnWithPropertyName(column);
      if (!meta) throw new Error(`${metadata.tableName} has no column ${column}`);
      const whens = chunk
        .filter((row) => row[column] !== undefined)
        .map((row) => ` WHEN ${param(row.id)} THEN ${param(driver.preparePersistentValue(row[column], meta))}`)
        .join('');
      if (whens) sets.push(`${driver.escape(meta.databaseName)} = CASE ${id}${whens} ELSE ${driver.escape(meta.databaseName)} END`);
    }
    if (sets.length === 0) continue;
    const ids = chunk.map((row) => param(row.id)).join(', ');
    await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${id} IN (${ids})`, params);
  }
}
