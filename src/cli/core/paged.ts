import { csvLine } from '../../insights/csv';
import type { CliIo } from './io';
import { table } from './table';

/** How many rows a paged list reads at a time. */
export const PAGE = 500;

export type Cell = string | number | null;

/**
 * A list read page by page: CSV and JSON are written as each page arrives (a large tenant's list is
 * never held whole); a table needs every row for its column widths.
 */
export async function pagedList<T>(
  read: (page: number) => Promise<{ total: number; groups: unknown[]; items: T[] }>,
  format: 'table' | 'csv' | 'json',
  io: CliIo,
  header: string[],
  row: (item: T) => Cell[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const first = await read(1);
  const pages = async function* () {
    yield first.items;
    for (let page = 2; (page - 1) * PAGE < first.total; page++) yield (await read(page)).items;
  };
  if (format === 'table') {
    const rows: Cell[][] = [];
    for await (const items of pages()) rows.push(...items.map(row));
    io.out(table(header, rows));
  } else if (format === 'csv') {
    io.out(csvLine(header));
    for await (const items of pages()) io.out(items.map((item) => csvLine(row(item))).join(''));
  } else {
    const head = Object.entries(extra)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`)
      .join('');
    io.out(`{${head}"total":${first.total},"groups":${JSON.stringify(first.groups)},"items":[`);
    let n = 0;
    for await (const items of pages()) for (const item of items) io.out(`${n++ ? ',' : ''}\n${JSON.stringify(item)}`);
    io.out('\n]}\n');
  }
}
