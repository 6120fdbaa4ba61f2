import { parse } from 'csv-parse/sync';
import { COST_FIELDS, costEntryErrors, costEntrySchema, type CostEntry, type CostField } from './cost-entry';

const REQUIRED: readonly CostField[] = ['sku', 'cost', 'currency', 'frequency'];

export type CostCsv = { ok: true; rows: { row: number; entry: CostEntry }[] } | { ok: false; errors: string[] };

/**
 * A cost import file: a header row naming the columns (those of `npm run costs -- set`, in any
 * order: sku, cost, currency, frequency, months, effective, expires), then one cost per row. Every
 * row is checked; any fault makes the whole file refused, each fault named by row and field.
 * Rows are numbered from the first after the header, as a spreadsheet shows them less one.
 */
export function parseCostCsv(text: string): CostCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return { ok: false, errors: [`not a CSV file: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const [header, ...data] = records;
  if (!header)
    return {
      ok: false,
      errors: ['the file is empty: a header row (sku,cost,currency,frequency,…) and one row per cost'],
    };
  const columns = header.map((h) => h.toLowerCase());
  const unknown = columns.filter((c) => !(COST_FIELDS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  const headerErrors = [
    ...unknown.map((c) => `header: unknown column "${c}" (columns: ${COST_FIELDS.join(', ')})`),
    ...missing.map((c) => `header: column "${c}" is missing`),
    ...twice.map((c) => `header: column "${c}" appears twice`),
  ];
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  if (data.length === 0) return { ok: false, errors: ['the file has a header but no cost rows'] };
  const rows: { row: number; entry: CostEntry }[] = [];
  const errors: string[] = [];
  data.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length !== columns.length) {
      errors.push(`row ${row}: ${cells.length} cells where the header has ${columns.length}`);
      return;
    }
    const parsed = costEntrySchema.safeParse(Object.fromEntries(columns.map((c, j) => [c, cells[j]])));
    if (parsed.success) rows.push({ row, entry: parsed.data });
    else errors.push(`row ${row}: ${costEntryErrors(parsed.error)}`);
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
