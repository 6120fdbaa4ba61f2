import { StringDecoder } from 'node:string_decoder';
import type { GraphClient, RequestOptions } from './client';
import { CsvRecords, CsvTexts, fieldsOf } from './csv-records';
import { graphErrorFrom, GraphError, unexpectedAnswer } from './errors';
import { ReportHeader, type ReportRow } from './report-header';

export type { ReportRow } from './report-header';

const DOWNLOAD_ATTEMPTS = 3;

/**
 * Streams a usage report's CSV rows, a batch per chunk received: the transport under the report
 * endpoints (endpoints/reports.ts). Graph answers the report function with a 302 to a
 * pre-authenticated, short-lived download URL on another host that must be fetched WITHOUT the
 * Authorization header (docs/graph-endpoints.md, "Usage reports"); the CSV starts with a UTF-8 BOM.
 * Columns are read by header name, never by position, because column sets differ between tenants
 * and doc revisions.
 */
export async function* reportRows(
  graph: GraphClient,
  path: string,
  options: RequestOptions = {},
  columns?: readonly string[],
): AsyncGenerator<ReportRow[]> {
  const { body } = await download(graph, path, options);
  yield* csvRowBatches(graph, body, columns);
}

/** A batch of a report's records, each as its text, with the header that reads them. */
export interface ReportLines {
  header: ReportHeader;
  /** Each record's text, without its line break. */
  lines: string[];
}

/**
 * Streams a usage report's records as their text, a batch per chunk received, for a reader that
 * needs little of most rows (src/graph/report-header.ts). `columns`: those the header's `row` gives.
 */
export async function* reportLines(
  graph: GraphClient,
  path: string,
  options: RequestOptions = {},
  columns?: readonly string[],
): AsyncGenerator<ReportLines> {
  const { body } = await download(graph, path, options);
  const csv = new CsvTexts();
  let header: ReportHeader | undefined;
  for await (const { text, last } of decoded(body)) {
    const lines = graph.stats.parsing(() => {
      const texts = last ? [...csv.push(text), ...csv.end()] : csv.push(text);
      if (!header && texts.length) header = new ReportHeader(fieldsOf(texts.shift()!), columns);
      return texts;
    });
    if (header && lines.length) yield { header, lines };
  }
}

/** A record of a report that answers CSV or JSON: a CSV row keyed by header, or a JSON item as Graph wrote it. */
export type ReportRecord = { format: 'csv'; row: ReportRow } | { format: 'json'; item: unknown };

/**
 * Streams a report that may answer either way (the Copilot usage report, docs/copilot.md): CSV
 * (200 with the file, or a 302 to it) row by row, or JSON (`{ value: [...] }`, `@odata.nextLink`
 * followed verbatim) item by item. Which one came is told by the answer's Content-Type.
 */
export async function* reportRecords(
  graph: GraphClient,
  path: string,
  options: RequestOptions = {},
): AsyncGenerator<ReportRecord> {
  const { body, contentType } = await download(graph, path, options);
  if (!/json/i.test(contentType)) {
    for await (const rows of csvRowBatches(graph, body)) for (const row of rows) yield { format: 'csv', row };
    return;
  }
  let page = safeJson(await new Response(body).text()) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  for (;;) {
    if (!page || !Array.isArray(page.value))
      throw unexpectedAnswer(options.endpoint ?? path, 'no "value" array of a JSON report');
    for (const item of page.value) yield { format: 'json', item };
    const next = page['@odata.nextLink'];
    if (typeof next !== 'string') return;
    page = (await graph.get(next, options)) as typeof page;
  }
}

/**
 * CSV rows keyed by header, a batch per chunk of the body; splitting the text counts as parsing in
 * the client's statistics. With `columns`, a row has those of them the report has, and the others
 * are not even copied out of the text.
 */
async function* csvRowBatches(
  graph: GraphClient,
  body: ReadableStream<Uint8Array>,
  columns?: readonly string[],
): AsyncGenerator<ReportRow[]> {
  const csv = new CsvRecords();
  // The header's columns a row is made of, by index.
  let picks: { index: number; name: string }[] | undefined;
  const rowsOf = (records: string[][]): ReportRow[] => {
    const rows: ReportRow[] = [];
    for (const record of records) {
      if (!picks) {
        const wanted = columns ? new Set(columns) : null;
        picks = record.map((name, index) => ({ index, name })).filter((c) => !wanted || wanted.has(c.name));
        if (wanted) csv.select(record.map((name) => wanted.has(name)));
        continue;
      }
      const row: ReportRow = {};
      for (const { index, name } of picks) if (index < record.length) row[name] = record[index]!;
      rows.push(row);
    }
    return rows;
  };
  for await (const { text, last } of decoded(body)) {
    const rows = graph.stats.parsing(() => rowsOf(last ? [...csv.push(text), ...csv.end()] : csv.push(text)));
    if (rows.length) yield rows;
  }
}

/** The body's text as it arrives; `last` with the end of it. */
async function* decoded(body: ReadableStream<Uint8Array>): AsyncGenerator<{ text: string; last: boolean }> {
  const reader = body.getReader();
  // StringDecoder rather than TextDecoder: streamed, the latter took five times as long for the same
  // text (38 MB of report: 25-37 ms against 5-7 ms). The BOM it keeps, the CSV readers drop.
  const decoder = new StringDecoder('utf8');
  let done = false;
  try {
    while (!done) {
      const chunk = await reader.read();
      done = chunk.done;
      yield chunk.done ? { text: decoder.end(), last: true } : { text: decoder.write(chunk.value), last: false };
    }
  } finally {
    // A caller that stops early lets the download go rather than leave it open.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

async function download(
  graph: GraphClient,
  path: string,
  options: RequestOptions,
): Promise<{ body: ReadableStream<Uint8Array>; contentType: string }> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
    const response = await graph.raw(path, options);
    if (response.status === 200 && response.body)
      return { body: response.body, contentType: response.headers.get('content-type') ?? '' };
    if (response.status !== 302) {
      const text = await response.text();
      throw graphErrorFrom(
        response.status,
        text ? safeJson(text) : null,
        response.headers.get('request-id') ?? undefined,
        options.permission,
      );
    }
    const location = response.headers.get('location');
    if (!location)
      throw new GraphError(`Report ${options.endpoint ?? path} redirected without a Location`, 302, 'MissingLocation');
    // A fresh download URL is requested on each attempt: they are valid only a few minutes.
    try {
      const file = await graph.anonymousFetch(location);
      if (file.ok && file.body) return { body: file.body, contentType: file.headers.get('content-type') ?? '' };
      await file.body?.cancel();
      lastError = new GraphError(`Report download failed with HTTP ${file.status}`, file.status, `HTTP${file.status}`);
    } catch (error) {
      lastError = error;
    }
    graph.stats.retries++;
  }
  throw lastError;
}

/** Report dates come as `2021-10-25` or, on some JSON reports since Nov 2021, `2021-10-25T00:00:00Z`. */
export function reportDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match ? match[1]! : null;
}

/** Concealed report names are 32-character uppercase hex hashes (docs/graph-endpoints.md, "Usage reports"). */
export function isConcealedName(value: string): boolean {
  return /^[0-9A-F]{32}$/.test(value);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
