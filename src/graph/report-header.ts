import { fieldsOf } from './csv-records';

/** A report row keyed by column header, exactly as the CSV names it. */
export type ReportRow = Record<string, string>;

/** The column each row of a usage report has its day in: the same in every row, and new every day. */
const REFRESH_DATE = 'Report Refresh Date';

/**
 * A usage report's header, which reads the report's records from their text (src/graph/reports.ts,
 * reportLines): one field, the row of the columns wanted, or the text that tells whether a row
 * changed since the day before. A record's fields are cut only when asked for, and a record without
 * quotes (nearly all) is cut at the commas the engine finds.
 */
export class ReportHeader {
  private readonly keep: boolean[];
  private readonly picks: { index: number; name: string }[];
  private readonly refreshAt: number;

  /** `wanted`: the columns `row` gives (those of them the report has); every column without. */
  constructor(
    readonly columns: readonly string[],
    wanted?: readonly string[],
  ) {
    const set = wanted ? new Set(wanted) : null;
    this.keep = columns.map((name) => !set || set.has(name));
    this.picks = columns.map((name, index) => ({ index, name })).filter((c) => this.keep[c.index]);
    this.refreshAt = columns.indexOf(REFRESH_DATE);
  }

  /** The column's index, -1 when the report has no such column. */
  indexOf(name: string): number {
    return this.columns.indexOf(name);
  }

  /** The field at `index` of a record's text, trimmed; empty when the record has no such field. */
  field(text: string, index: number): string {
    if (index < 0) return '';
    if (text.indexOf('"') >= 0) return fieldsOf(text)[index] ?? '';
    const start = fieldStart(text, index);
    if (start < 0) return '';
    const comma = text.indexOf(',', start);
    return text.slice(start, comma < 0 ? text.length : comma).trim();
  }

  /** The record's fields of the columns wanted, by column name. */
  row(text: string): ReportRow {
    const fields = fieldsOf(text, this.keep, this.columns.length);
    const row: ReportRow = {};
    for (const { index, name } of this.picks) if (index < fields.length) row[name] = fields[index]!;
    return row;
  }

  /**
   * The record with its refresh date left empty: the same text from one day's report to the next
   * when none of the row's values changed, and a different one when any did (a record without quotes
   * is its own text so, one with quotes the JSON of its fields; the first holds no quote, the second
   * does, so the two never meet). Columns the reader does not keep count too: a change there costs
   * a row written again, never a change missed.
   */
  steady(text: string): string {
    const at = this.refreshAt;
    if (at < 0) return text;
    if (text.indexOf('"') >= 0) {
      const fields = fieldsOf(text);
      if (at < fields.length) fields[at] = '';
      return JSON.stringify(fields);
    }
    const start = fieldStart(text, at);
    if (start < 0) return text;
    const end = text.indexOf(',', start);
    if (end < 0) return text.slice(0, start);
    return start === 0 ? text.slice(end) : text.slice(0, start) + text.slice(end);
  }
}

/** Where the field at `index` of a record's text without quotes starts; -1 when the record has fewer fields. */
function fieldStart(text: string, index: number): number {
  let start = 0;
  for (let i = 0; i < index; i++) {
    const comma = text.indexOf(',', start);
    if (comma < 0) return -1;
    start = comma + 1;
  }
  return start;
}
