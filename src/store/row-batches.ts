import type { EntityManager } from 'typeorm';
import { jsonBatches, jsonRows, type JsonRows } from './json-rows';

/**
 * Rows per SQLite statement, as far as SQLite's 32,766 bound values allow. Each statement is a round
 * trip: SQLite prepares it anew, and the next one starts only once Node's thread has taken the answer,
 * which waits while that thread parses a page. 2,000 rows rather than 500: the 100,000-user sync, six
 * alternating pairs, 34.3 s against 31.5 s (Node's thread 16.9 s against 15.6 s); bound by the values
 * alone (up to 5,000 rows), no faster than 2,000.
 */
const SQLITE_ROWS = 2000;
const SQLITE_VALUES = 32_766;

/**
 * Runs a multi-row write once per batch of `rows` (each the values of one row, in the order the
 * write's columns name them); `write` gets the batch as a `FROM` source, the statement's parameters
 * and the conflict clause to put after `INSERT` or `UPDATE`. Returns the rows written.
 *
 * On PostgreSQL a batch is one JSON parameter (src/store/json-rows.ts). On SQLite it is a `VALUES`
 * list of bound parameters, and inside a transaction the write runs `OR FAIL`: a statement that may
 * abort half-way (a constraint's default) or calls a function (`->>` on JSON is one) makes SQLite
 * copy every page it touches to a statement journal so it can undo itself, and with random keys that
 * is every index page, once per statement. `OR FAIL` with plain values needs no undo: a failure fails
 * the caller's transaction, which is rolled back whole. Measured at 100,000 users, each table alone,
 * SQLite's own thread: users 5.1 s from JSON, 2.2 s from values; report snapshots 5.2 and 1.9 s; app
 * activity 2.2 and 1.8 s. Binding costs Node's thread about 1 µs a value instead, which a sync has to
 * spare while it waits for the database. Outside a transaction each statement is its own and needs
 * no journal either; it keeps the default, so a failed statement leaves nothing behind.
 */
export async function writeRowBatches(
  manager: EntityManager,
  rows: readonly unknown[][],
  width: number,
  write: (source: JsonRows, params: unknown[], conflict: string) => Promise<number>,
): Promise<number> {
  let written = 0;
  if (manager.connection.options.type === 'postgres') {
    for (const json of jsonBatches(rows)) {
      const params: unknown[] = [];
      written += await write(jsonRows(manager, params, json), params, '');
    }
    return written;
  }
  const conflict = manager.queryRunner?.isTransactionActive ? ' OR FAIL' : '';
  const size = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(SQLITE_VALUES / Math.max(1, width))));
  const placeholders = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(rows.length, start + size);
    const values = `VALUES ${placeholders}${`, ${placeholders}`.repeat(end - start - 1)}`;
    const source: JsonRows = { from: `(${values}) AS "j"`, values, value: (k) => `"j"."column${k + 1}"` };
    written += await write(source, flatten(rows, start, end, width), conflict);
  }
  return written;
}

/** Rows start to end, one value after another: 2,000 rows of 12 values in 0.8 ms, against 3.7 ms by `slice().flat()`. */
function flatten(rows: readonly unknown[][], start: number, end: number, width: number): unknown[] {
  const params = new Array<unknown>((end - start) * width);
  let k = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i]!;
    for (let c = 0; c < width; c++) params[k++] = row[c];
  }
  return params;
}
