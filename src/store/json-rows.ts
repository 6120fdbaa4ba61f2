import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Many rows bound as ONE parameter, a JSON array of arrays, which the database takes apart itself:
 * `json_each` on SQLite (with `->>`, 3.38+), `jsonb_array_elements` on PostgreSQL. Binding thousands
 * of separate parameters costs Node's thread about 1 µs a value in the sqlite3 driver, against 0.1 µs
 * to put it in the JSON text, and the statement's text no longer depends on the number of rows. Lists
 * of keys (reads, deletes) and PostgreSQL's writes travel so; SQLite's multi-row writes bind values
 * instead, for a reason of SQLite's own (src/store/row-batches.ts). Values are converted by the driver
 * first (booleans, simple-json), so they are stored exactly as the repository would store them.
 */
/**
 * Characters of JSON per statement. Larger texts would save little, and glibc serves allocations
 * above 128 KiB with mmap and, once one is freed, raises that threshold and serves the next ones
 * from arenas that never shrink: a sync's batches of several MB held 200 MB of native memory.
 */
const JSON_CHARS = 64_000;

/**
 * The values as JSON arrays of about JSON_CHARS characters each, never more than half as much again
 * (but for a single value that long), in order. A batch is stringified at once, its number of values
 * told by the size of those before: one call per value, then joined, took twice as long (240,000
 * rows of six values: 70 ms against 39 ms).
 */
export function jsonBatches(values: readonly unknown[]): string[] {
  const batches: string[] = [];
  if (values.length === 0) return batches;
  let per = Math.max(1, Math.floor(JSON_CHARS / (JSON.stringify(values[0]) ?? 'null').length));
  for (let at = 0; at < values.length;) {
    const n = Math.min(per, values.length - at);
    const text = JSON.stringify(n === values.length ? values : values.slice(at, at + n));
    per = Math.max(1, Math.floor((n * JSON_CHARS) / text.length));
    // Values longer than those before: the batch again, with fewer of them.
    if (text.length > JSON_CHARS * 1.5 && n > 1) continue;
    batches.push(text);
    at += n;
  }
  return batches;
}

export interface JsonRows {
  /** `FROM` source naming each row `"j"`. */
  from: string;
  /**
   * SQLite's bound batches only (src/store/row-batches.ts): the rows as a `VALUES` list, which an
   * INSERT takes as it is. As a `FROM` subquery, SQLite plans each row as an arm of a compound SELECT
   * (pushing the outer WHERE into every one): preparing 2,000 rows of 8 values took 10.4 ms that
   * way and 3.8 ms as a plain `VALUES` list.
   */
  values?: string;
  /** The k-th value of a row, typed as `column` (PostgreSQL needs the type; JSON gives text). */
  value(k: number, column?: ColumnMetadata): string;
}

/** The rows of `json`, an array of arrays (one of jsonBatches), as a `FROM` source. */
export function jsonRows(manager: EntityManager, params: unknown[], json: string): JsonRows {
  const placeholder = addParam(manager, params, json);
  if (!isPostgres(manager)) return { from: `json_each(${placeholder}) AS "j"`, value: (k) => `"j"."value" ->> ${k}` };
  const driver = manager.connection.driver;
  return {
    from: `jsonb_array_elements(CAST(${placeholder} AS jsonb)) AS "j"`,
    value: (k, column) => `CAST("j" ->> ${k} AS ${column ? driver.normalizeType(column) : 'text'})`,
  };
}

/** A subquery giving one value per element of `json`, an array of values, for `column IN (…)`. */
export function jsonList(manager: EntityManager, params: unknown[], json: string, column?: ColumnMetadata): string {
  const placeholder = addParam(manager, params, json);
  if (!isPostgres(manager)) return `SELECT "value" FROM json_each(${placeholder})`;
  const type = column ? manager.connection.driver.normalizeType(column) : 'text';
  return `SELECT CAST("v" AS ${type}) FROM jsonb_array_elements_text(CAST(${placeholder} AS jsonb)) AS "v"`;
}

/** A row's values as the driver stores them, in the columns' order (JSON has no `undefined`: null). */
export function storedValues(
  manager: EntityManager,
  row: Record<string, unknown>,
  columns: readonly ColumnMetadata[],
  /** Put before the values, when given (the row's place in a batch, which the database hands back). */
  first?: number,
): unknown[] {
  const driver = manager.connection.driver;
  const lead = first === undefined ? 0 : 1;
  // One array made at its length: a row's values are made for every row a sync compares.
  const values = new Array<unknown>(columns.length + lead);
  if (lead) values[0] = first;
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!;
    values[k + lead] = driver.preparePersistentValue(row[column.propertyName], column) ?? null;
  }
  return values;
}

function addParam(manager: EntityManager, params: unknown[], value: unknown): string {
  params.push(value);
  return manager.connection.driver.createParameter(`p${params.length}`, params.length - 1);
}

const isPostgres = (manager: EntityManager) => manager.connection.options.type === 'postgres';
