import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { bulkUpdateById } from './bulk-update';
import { bulkUpsert } from './bulk-upsert';
import { differs, execute } from './execute';
import { jsonBatches, jsonList, jsonRows, storedValues, type JsonRows } from './json-rows';

export interface ChangedRows<T> {
  /** The primary key: the conflict target, and how a row finds its stored version. */
  key: readonly (keyof T & string)[];
  /** Compared with the stored row: a row whose values all equal the stored ones is not written. */
  compare: readonly (keyof T & string)[];
  /** Written with a row that is written (e.g. `updatedAt`), never compared. */
  stamp?: readonly (keyof T & string)[];
}

/**
 * Upserts only the rows that are new or differ from the stored one in a compared column: a sync of
 * an unchanged tenant has the database compare its rows with the stored ones (differingRows) and
 * writes none. Values are compared as the driver would write them (booleans, simple-json), so what
 * is equal in the database is equal here. Columns a row carries but `compare` and `stamp` do not
 * name are set on insert only (a user's first-seen date). Returns the rows written.
 */
export async function upsertChanged<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
  options: ChangedRows<T>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const table = tableOf(manager, entity, options);
  const changed = (await differingRows(manager, table, rows, { missing: true })).map((i) => rows[i]!);
  return bulkUpsert(manager, entity, changed, {
    conflict: options.key,
    update: [...options.compare, ...(options.stamp ?? [])],
  });
}

/**
 * Makes the child rows of some parents (a user's licenses) equal to `rows`: new ones inserted,
 * changed ones updated, stored ones that are no longer there deleted, nothing else written. Every
 * parent named has all its rows in `rows` (a parent with none loses its stored ones). Returns the
 * rows written and deleted.
 */
export async function replaceChildren<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  parent: keyof T & string,
  parentIds: readonly string[],
  rows: readonly Partial<T>[],
  options: ChangedRows<T>,
): Promise<number> {
  if (parentIds.length === 0) return 0;
  const table = tableOf(manager, entity, options);
  const parentColumn = table.metadata.findColumnWithPropertyName(parent);
  if (!parentColumn) throw new Error(`${table.metadata.tableName} has no column ${parent}`);
  const stored = await readStored(manager, table, parentColumn, [...new Set(parentIds)]);
  const wanted = new Set(rows.map((row) => keyOfRow(table, row)));
  const gone = [...stored.entries()]
    .filter(([key]) => !wanted.has(key))
    .map(([, row]) => table.keys.map((k) => row[k.databaseName]));
  const changed = rows.filter((row) => differsFromStored(manager, table, row, stored.get(keyOfRow(table, row))));
  const deleted = await deleteByKeys(manager, table, gone);
  return (
    deleted +
    (await bulkUpsert(manager, entity, changed, {
      conflict: options.key,
      update: [...options.compare, ...(options.stamp ?? [])],
    }))
  );
}

/**
 * Updates by id only the rows whose compared columns differ from the stored ones; ids that are not
 * stored are left alone (never inserted). Returns the ids of the rows updated.
 */
export async function updateChanged<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly ({ id: string } & Partial<Record<string, unknown>>)[],
  columns: readonly (keyof T & string)[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const table = tableOf(manager, entity, { key: ['id'], compare: columns } as ChangedRows<T>);
  const changed = (await differingRows(manager, table, rows, { missing: false })).map((i) => rows[i]!);
  await bulkUpdateById(manager, entity, changed, columns);
  return changed.map((row) => row.id);
}

interface TableColumns {
  metadata: ReturnType<EntityManager['connection']['getMetadata']>;
  keys: ColumnMetadata[];
  compare: ColumnMetadata[];
}

function tableOf<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  options: ChangedRows<T>,
): TableColumns {
  const metadata = manager.connection.getMetadata(entity);
  const column = (p: string) => {
    const meta = metadata.findColumnWithPropertyName(p);
    if (!meta) throw new Error(`${metadata.tableName} has no column ${p}`);
    return meta;
  };
  return { metadata, keys: options.key.map(column), compare: options.compare.map(column) };
}

const keyOfRow = (table: TableColumns, row: Record<string, unknown>): string =>
  table.keys.map((k) => String(row[k.propertyName])).join('\u0000');

/**
 * The stored rows (key and compared columns, as the driver returns them) whose `column` is one of
 * `values`, read in batches, keyed like keyOfRow.
 */
async function readStored(
  manager: EntityManager,
  table: TableColumns,
  column: ColumnMetadata,
  values: readonly unknown[],
): Promise<Map<string, Record<string, unknown>>> {
  const driver = manager.connection.driver;
  const columns = [...new Set([...table.keys, ...table.compare])];
  const select = columns.map((c) => `${driver.escape(c.databaseName)} AS ${driver.escape(c.databaseName)}`).join(', ');
  const stored = new Map<string, Record<string, unknown>>();
  for (const json of jsonBatches(values)) {
    const params: unknown[] = [];
    const found = (await manager.query(
      `SELECT ${select} FROM ${driver.escape(table.metadata.tableName)} WHERE ${driver.escape(column.databaseName)} IN (${jsonList(manager, params, json, column)})`,
      params,
    )) as Record<string, unknown>[];
    for (const row of found) stored.set(table.keys.map((k) => String(row[k.databaseName])).join('\u0000'), row);
  }
  return stored;
}

/**
 * The indexes, in order, of the rows that differ from their stored row in a compared column they
 * carry (a column a row does not carry, undefined, is not compared: the write leaves it as stored),
 * and with `missing`, of those that have no stored row. The database compares: the rows travel as
 * JSON, as the driver would store their values, and only the indexes come back, where reading the
 * stored rows back cost Node's thread about 4 µs a row in the sqlite3 driver (making each an object).
 */
async function differingRows(
  manager: EntityManager,
  table: TableColumns,
  rows: readonly Record<string, unknown>[],
  options: { missing: boolean },
): Promise<number[]> {
  const driver = manager.connection.driver;
  // A first read of new rows (a fresh store) need not send their values: none is stored.
  if (options.missing && !(await anyStored(manager, table, rows))) return rows.map((_, i) => i);
  // Rows that carry the same compared columns are compared by the same statement: grouped by the
  // set of columns they carry, a bit per column.
  const groups = new Map<number, number[]>();
  const names = table.compare.map((c) => c.propertyName);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let carried = 0;
    for (let k = 0; k < names.length; k++) if (row[names[k]!] !== undefined) carried |= 1 << k;
    const group = groups.get(carried);
    if (group) group.push(i);
    else groups.set(carried, [i]);
  }
  const stored = (c: ColumnMetadata) => `"t".${driver.escape(c.databaseName)}`;
  const found: number[] = [];
  for (const [carried, indexes] of groups) {
    const compare = table.compare.filter((_, k) => (carried & (1 << k)) !== 0);
    if (!compare.length && !options.missing) continue;
    const columns = [...table.keys, ...compare];
    for (const json of jsonBatches(indexes.map((i) => storedValues(manager, rows[i]!, columns, i)))) {
      const params: unknown[] = [];
      const source = jsonRows(manager, params, json);
      const on = keyJoin(manager, table, source, 1);
      const differ = compare.map((c, n) => differs(manager, stored(c), source.value(table.keys.length + n + 1, c)));
      if (options.missing) differ.unshift(`${stored(table.keys[0]!)} IS NULL`);
      const answer = (await manager.query(
        `SELECT ${source.value(0)} AS "i" FROM ${source.from} ${options.missing ? 'LEFT ' : ''}JOIN ${driver.escape(table.metadata.tableName)} "t" ON ${on} WHERE ${differ.join(' OR ')}`,
        params,
      )) as { i: number | string }[];
      for (const r of answer) found.push(Number(r.i));
    }
  }
  return found.sort((a, b) => a - b);
}

/** The stored row `"t"` matched to a JSON row whose key values start at its `first` value. */
function keyJoin(manager: EntityManager, table: TableColumns, source: JsonRows, first: number): string {
  const driver = manager.connection.driver;
  return table.keys.map((k, n) => `"t".${driver.escape(k.databaseName)} = ${source.value(first + n, k)}`).join(' AND ');
}

/** Whether any of the rows' keys is stored. */
async function anyStored(
  manager: EntityManager,
  table: TableColumns,
  rows: readonly Record<string, unknown>[],
): Promise<boolean> {
  const driver = manager.connection.driver;
  for (const json of jsonBatches(rows.map((row) => storedValues(manager, row, table.keys)))) {
    const params: unknown[] = [];
    const source = jsonRows(manager, params, json);
    const on = keyJoin(manager, table, source, 0);
    const [found] = (await manager.query(
      `SELECT 1 AS "found" FROM ${source.from} JOIN ${driver.escape(table.metadata.tableName)} "t" ON ${on} LIMIT 1`,
      params,
    )) as unknown[];
    if (found) return true;
  }
  return false;
}

/** A column the row does not carry (undefined) is not compared: the write leaves it as stored. */
function differsFromStored(
  manager: EntityManager,
  table: TableColumns,
  row: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
): boolean {
  if (!stored) return true;
  const driver = manager.connection.driver;
  return table.compare.some(
    (c) =>
      row[c.propertyName] !== undefined &&
      !same(driver.preparePersistentValue(row[c.propertyName], c), stored[c.databaseName]),
  );
}

/** Equal as stored: SQLite hands booleans back as 0/1 and whole doubles as integers. */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (typeof x === 'number' || typeof y === 'number') return Number(x) === Number(y);
  return String(x) === String(y);
}

/** DELETE … WHERE (k1, k2, …) IN (SELECT … FROM <the keys>): row values, the same on SQLite and PostgreSQL. */
async function deleteByKeys(manager: EntityManager, table: TableColumns, keys: unknown[][]): Promise<number> {
  const driver = manager.connection.driver;
  const names = table.keys.map((k) => driver.escape(k.databaseName)).join(', ');
  let deleted = 0;
  for (const json of jsonBatches(keys)) {
    const params: unknown[] = [];
    const source = jsonRows(manager, params, json);
    const values = table.keys.map((k, i) => source.value(i, k)).join(', ');
    deleted += await execute(
      manager,
      `DELETE FROM ${driver.escape(table.metadata.tableName)} WHERE (${names}) IN (SELECT ${values} FROM ${source.from})`,
      params,
    );
  }
  return deleted;
}
