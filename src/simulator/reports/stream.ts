import type { SimContext } from '../context';
import { BOM, csvLine } from './csv';
import { REPORTS } from './definitions';
import type { ReportRequest } from './report-request';
import { reportScope } from './scope';

/**
 * The report CSV in chunks of about 64 KB, produced user by user so that a 200,000-user report never
 * sits in memory whole. Starts with the UTF-8 BOM and the header row (docs/graph-behaviour.md §4).
 */
const CHUNK = 64 * 1024;

export function* reportCsv(ctx: SimContext, request: ReportRequest): Generator<string> {
  const definition = REPORTS[request.report];
  const scope = reportScope(ctx, request);
  let buffer = BOM + csvLine(definition.header(scope));
  for (let i = 0; i < ctx.tenant.size; i++) {
    for (const row of definition.csvRows(ctx, scope, i)) buffer += csvLine(row);
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}
