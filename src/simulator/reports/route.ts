import type { SimContext } from '../context';
import { READ_REPORTS } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { requireAny } from '../graph/authorize';
import { Errors, GraphError } from '../graph/errors';
import { pageSize, refuseUnsupportedOptions } from '../graph/odata-query';
import { collectionBody, contextUrl, pageCursor } from '../graph/paging';
import { option, type ApiRequest, type AuthorizedRequest, type Charge, type Route } from '../graph/request';
import { REPORTS } from './definitions';
import { parseReportCall, reportName } from './parse-call';
import { reportScope } from './scope';

/**
 * GET /reports/getX(...) (docs/graph-behaviour.md §4). CSV (the default) answers 302 to a short-lived download URL on
 * the second origin; `$format=application/json` answers pages of 200 items, documented on beta for
 * every report and on v1.0 only for getM365AppUserDetail. Each report API is throttled separately.
 */
const PATTERN = /^\/reports\/(get\w+)(?:\((.*)\))?$/i;

function wantsJson(req: ApiRequest): boolean {
  const format = option(req, '$format');
  if (format === undefined || format.toLowerCase() === 'text/csv') return false;
  if (format.toLowerCase() === 'application/json') return true;
  throw new GraphError(400, 'BadRequest', `Unsupported $format '${format}'. Use text/csv or application/json.`);
}

function charge(req: ApiRequest): Charge | undefined {
  const name = reportName(PATTERN.exec(req.path)?.[1] ?? '');
  if (!name) return undefined;
  return { bucket: wantsJson(req) ? 'reportJson' : 'reportCsv', key: name, units: 1 };
}

function handle(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  const name = reportName(match[1] ?? '');
  if (!name) throw Errors.unknownSegment(match[1] ?? '');
  refuseUnsupportedOptions(req, ['$format', '$top']);
  requireAny(req, READ_REPORTS);
  const request = parseReportCall(name, match[2], ctx.clock.now());
  if (!wantsJson(req)) {
    const token = ctx.downloads.create(request);
    return {
      status: 302,
      headers: { location: `${ctx.downloadOrigin}/data/download/${token}`, 'content-type': 'text/plain' },
      text: '',
    };
  }
  if (req.version === 'v1.0' && name !== 'getM365AppUserDetail') {
    throw new GraphError(400, 'BadRequest', `JSON output of ${name} is available on the beta endpoint only.`);
  }
  const definition = REPORTS[name];
  const scope = reportScope(ctx, request);
  const top = pageSize(req, { fallback: 200, max: 200, oversized: 'clamp' });
  const items: Record<string, unknown>[] = [];
  let i = pageCursor(req);
  for (; i < ctx.tenant.size && items.length < top; i++) items.push(...definition.jsonItems(ctx, scope, i));
  const page = { items, next: i < ctx.tenant.size ? i : undefined };
  return {
    status: 200,
    json: collectionBody(
      contextUrl(req, `Collection(microsoft.graph.${name.slice(3, 4).toLowerCase()}${name.slice(4)})`),
      page,
      req,
    ),
  };
}

export const reportRoutes: readonly Route[] = [{ method: 'GET', pattern: PATTERN, charge, handle }];
