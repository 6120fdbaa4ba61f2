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

/** The values as JSON arrays of at most about JSON_CHARS characters each (at least one value each), in order. */
export function jsonBatches(values: readonly unknown[]): string[] {
  const batches: string[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const value of values) {
    const text = JSON.stringify(value);
    if (parts.length && size + text.length > JSON_CHARS) {
      batches.push(`[${parts.join(',')}]`);
      parts = [];
      size = 0;
    }
    parts.push(text);
    size += text.length + 1;
  }
  if (parts.length) batches.push(`[${parts.join(',')}]`);
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
): unknown[] {
  const driver = manager.connection.driver;
  return columns.map((c) => driver.preparePersistentValue(row[c.propertyName], c) ?? null);
}

function addParam(manager: EntityManager, params: unknown[], value: unknown): string {
  params.push(value);
  return manager.connection.driver.createParameter(`p${params.length}`, params.length - 1);
}

const isPostgres = (manager: EntityManager) => manager.connection.options.type === 'postgres';
