/**
 * The text arrived so far, in chunks, as a usage report download does: what a chunk completes is
 * read (`cut`), and a record cut by the end of a chunk waits for the next one. The UTF-8 BOM the
 * text starts with is dropped.
 */
abstract class Chunked<T> {
  private tail = '';
  private started = false;

  /** What this chunk completes. */
  push(chunk: string): T[] {
    let text = this.tail + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const { out, rest } = this.cut(text, false);
    this.tail = text.slice(rest);
    return out;
  }

  /** The last record, when the text does not end with a line break. */
  end(): T[] {
    const { out } = this.cut(this.tail, true);
    this.tail = '';
    return out;
  }

  /** What `text` completes, and where the rest starts (the end of the text when `final`). */
  protected abstract cut(text: string, final: boolean): { out: T[]; rest: number };
}

/**
 * CSV records from text that arrives in chunks: fields separated by commas, a field in double quotes
 * may hold commas, line breaks and doubled quotes, records end with CRLF or LF, empty lines are
 * skipped and fields are trimmed (the report service pads none, but a proxy might). Written for the
 * reports (src/graph/reports.ts): csv-parse took about ten times longer per row on a 100,000-user report.
 */
export class CsvRecords extends Chunked<string[]> {
  private keep: readonly boolean[] | null = null;
  /** The header's number of fields: each record's array is made that long at once, not grown field by field. */
  private width = 0;

  /**
   * From the next chunk on, only the fields at the indexes `keep` marks are copied out; the others
   * are read past and left empty. A report has some 20 columns of which a reader uses a few: the
   * strings it never reads are most of what parsing a 100,000-row report would allocate.
   */
  select(keep: readonly boolean[]): void {
    this.keep = keep;
  }

  protected cut(text: string, final: boolean): { out: string[][]; rest: number } {
    const { records, rest } = parse(text, final, this.keep, this.width, null);
    if (this.width === 0 && records.length) this.width = records[0]!.length;
    return { out: records, rest };
  }
}

/**
 * The same records as CsvRecords reads, each as its text without the line break that ends it: a
 * reader that needs few of a record's fields, or none when the text tells it enough, cuts only those
 * (fieldsOf, src/graph/report-header.ts).
 */
export class CsvTexts extends Chunked<string> {
  protected cut(text: string, final: boolean): { out: string[]; rest: number } {
    const texts: string[] = [];
    const { rest } = parse(text, final, NONE, 0, texts);
    return { out: texts, rest };
  }
}

/**
 * The fields of one record's text as CsvTexts gives it (no line break but within quotes); with
 * `keep`, only the marked ones are copied out, as CsvRecords.select does.
 */
export function fieldsOf(text: string, keep: readonly boolean[] | null = null, width = 0): string[] {
  const records: string[][] = [];
  if (text.indexOf('"') < 0) line(text, 0, text.length, records, keep, width);
  else record(text, 0, true, records, keep, width);
  return records[0] ?? [];
}

/** No field copied out: what CsvTexts reads records with, to learn only where they end. */
const NONE: readonly boolean[] = [];

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Complete records of `text` and where the incomplete one starts (the end of the text when `final`);
 * with `texts`, each record's text goes there instead of its fields into `records`.
 */
function parse(
  text: string,
  final: boolean,
  keep: readonly boolean[] | null,
  width: number,
  texts: string[] | null,
): { records: string[][]; rest: number } {
  const records: string[][] = [];
  const n = text.length;
  let start = 0;
  // The next quote and CR at or after `start` (-1: none left), searched again only once passed.
  let quote = 0;
  let cr = 0;
  for (;;) {
    while (start < n && (text.charCodeAt(start) === LF || text.charCodeAt(start) === CR)) start++;
    if (start >= n) return { records, rest: n };
    if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    const lf = text.indexOf('\n', start);
    const ends = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    // Most records are a line without quotes: its fields are cut at the commas the engine finds,
    // not read character by character (a report's text was a tenth of the sync's CPU on Node's thread).
    const plain = ends >= 0 && (quote < 0 || quote > ends);
    let end: number;
    if (plain && texts) {
      texts.push(text.slice(start, ends));
      end = afterBreak(text, ends);
    } else {
      end = plain ? line(text, start, ends, records, keep, width) : record(text, start, final, records, keep, width);
      if (end >= 0 && texts) {
        records.pop();
        texts.push(text.slice(start, beforeBreak(text, start, end)));
      }
    }
    if (end < 0) return { records, rest: start };
    start = end;
  }
}

/** Reads the record from `start` to the line break at `ends`, which holds no quote: where the next one starts. */
function line(
  text: string,
  start: number,
  ends: number,
  records: string[][],
  keep: readonly boolean[] | null,
  width: number,
): number {
  const fields = new Array<string>(width);
  let count = 0;
  for (let i = start; ;) {
    let comma = text.indexOf(',', i);
    if (comma < 0 || comma > ends) comma = ends;
    fields[count] = keep === null || keep[count] === true ? text.slice(i, comma).trim() : '';
    count++;
    if (comma === ends) break;
    i = comma + 1;
  }
  fields.length = count;
  records.push(fields);
  return afterBreak(text, ends);
}

/** Reads the record at `start` into `records`: where the next one starts, or -1 when the text ends first. */
function record(
  text: string,
  start: number,
  final: boolean,
  records: string[][],
  keep: readonly boolean[] | null,
  width: number,
): number {
  const n = text.length;
  const fields = new Array<string>(width);
  let count = 0;
  let i = start;
  for (;;) {
    const wanted = keep === null || keep[count] === true;
    const quoted = quotedField(text, i, final, wanted);
    if (quoted === null) return -1;
    if (quoted) {
      fields[count++] = quoted.value;
      i = quoted.end;
    } else {
      let j = i;
      while (j < n && !isSeparator(text.charCodeAt(j))) j++;
      fields[count++] = wanted ? text.slice(i, j).trim() : '';
      i = j;
    }
    if (i >= n) {
      if (!final) return -1;
      fields.length = count;
      records.push(fields);
      return n;
    }
    if (text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    // A CR at the very end of a chunk ends the record; its LF, in the next chunk, is skipped as an empty line.
    fields.length = count;
    records.push(fields);
    return afterBreak(text, i);
  }
}

/**
 * A field in quotes at `i` (after blanks): its value (empty when not `wanted`) and where it ends (at
 * the separator after it); undefined when the field is not quoted, null when the text ends before
 * we can tell its end.
 */
function quotedField(
  text: string,
  i: number,
  final: boolean,
  wanted: boolean,
): { value: string; end: number } | undefined | null {
  const n = text.length;
  let open = i;
  while (text.charCodeAt(open) === SPACE) open++;
  if (text.charCodeAt(open) !== QUOTE) return undefined;
  let value = '';
  let at = open + 1;
  for (;;) {
    const q = text.indexOf('"', at);
    // The closing quote, or its doubled twin, may be in the next chunk.
    if (q < 0 || (q + 1 >= n && !final)) {
      if (!final) return null;
      return { value: wanted ? value + text.slice(at) : '', end: n };
    }
    if (wanted) value += text.slice(at, q);
    if (text.charCodeAt(q + 1) === QUOTE) {
      if (wanted) value += '"';
      at = q + 2;
      continue;
    }
    let end = q + 1;
    while (end < n && !isSeparator(text.charCodeAt(end))) end++;
    return { value, end };
  }
}

const isSeparator = (c: number) => c === COMMA || c === LF || c === CR;

/** Where the next record starts after the line break at `i` (CRLF, LF or a lone CR). */
const afterBreak = (text: string, i: number) =>
  text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;

/** Where the record from `start` ends, given where the next one starts (`afterBreak`, or the end of the text). */
function beforeBreak(text: string, start: number, next: number): number {
  let end = next;
  if (end > start && text.charCodeAt(end - 1) === LF) end--;
  if (end > start && text.charCodeAt(end - 1) === CR) end--;
  return end;
}
