import type { EntityManager } from 'typeorm';

/**
 * Join a row's two values, and the rows: control characters that none of the values read this way
 * holds (ids, UPNs, digests, per-app days).
 */
const UNIT = '\u001f';
const RECORD = '\u001e';

export interface TextPairsQuery {
  /** Two SQL expressions that are never NULL (a NULL would drop its row from the joined text). */
  first: string;
  second: string;
  /** `FROM … WHERE …` of the rows. */
  from: string;
}

/**
 * Calls `each` with the two values of every row of the query. On SQLite the database joins the rows
 * into one text (`group_concat`) and Node's thread cuts it up: read as rows, the sqlite3 driver makes
 * an object of each row on Node's thread (the 100,000 users' UPNs and ids took 190–230 ms that way and
 * 80 ms as one text, the four reports' stored digests 280–330 ms and 40–50 ms). Should a value hold
 * one of the two separators after all, the text no longer splits into as many rows of two values as
 * the database counted, and the rows are read one by one instead. PostgreSQL's rows are read as rows:
 * its driver gathers an answer's bytes before it parses them, and one text of every user's values
 * raised a full sync's peak RSS from 215 to 227 MB at 100,000 users, from 280 to 315 MB at 200,000.
 */
export async function eachTextPair(
  manager: EntityManager,
  query: TextPairsQuery,
  params: readonly unknown[],
  each: (first: string, second: string) => void,
): Promise<void> {
  if (manager.connection.options.type !== 'postgres') {
    const [answer] = (await manager.query(
      `SELECT COUNT(*) AS "n", group_concat(${query.first} || char(31) || ${query.second}, char(30)) AS "text" ${query.from}`,
      [...params],
    )) as { n: number; text: string | null }[];
    const text = answer?.text ?? '';
    if (splits(text, answer?.n ?? 0)) {
      for (let at = 0; at < text.length;) {
        const unitAt = text.indexOf(UNIT, at);
        let end = text.indexOf(RECORD, unitAt);
        if (end < 0) end = text.length;
        each(text.slice(at, unitAt), text.slice(unitAt + 1, end));
        at = end + 1;
      }
      return;
    }
  }
  const rows = (await manager.query(`SELECT ${query.first} AS "a", ${query.second} AS "b" ${query.from}`, [
    ...params,
  ])) as { a: string; b: string }[];
  for (const row of rows) each(row.a, row.b);
}

/** Whether the text holds `rows` records of exactly two values each. */
function splits(text: string, rows: number): boolean {
  if (rows === 0) return text === '';
  for (let at = 0, records = 1; ; records++) {
    let end = text.indexOf(RECORD, at);
    if (end < 0) end = text.length;
    const unitAt = text.indexOf(UNIT, at);
    if (unitAt < 0 || unitAt > end) return false;
    const again = text.indexOf(UNIT, unitAt + 1);
    if (again >= 0 && again < end) return false;
    if (end === text.length) return records === rows;
    at = end + 1;
  }
}
