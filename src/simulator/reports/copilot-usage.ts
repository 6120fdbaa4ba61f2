import type { SimContext } from '../context';
import { READ_REPORTS } from '../auth/roles';
import { requireAny } from '../graph/authorize';
import { Errors, GraphError } from '../graph/errors';
import { pageSize, refuseUnsupportedOptions } from '../graph/odata-query';
import { collectionBody, contextUrl, pageCursor, scanPage } from '../graph/paging';
import { option, type ApiRequest, type AuthorizedRequest, type Charge, type Route } from '../graph/request';
import type { HttpResult } from '../http/result';
import { COPILOT_APPS, holdsCopilot, type CopilotAppName } from '../tenant/copilot';
import { BOM, csvLine, dayCell, type Cell } from './csv';
import { reportedDay, reportScope, type ReportScope } from './scope';
import { reportable, userFacts } from './definitions/user-facts';
import { dayString } from '../util/dates';

/**
 * GET /{v1.0|beta}/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D90'[,version='v2'])
 * (docs/copilot.md): one row per Microsoft 365 Copilot license holder with the last Copilot activity
 * overall and per app, lagging like every report (scope.ts), names concealed like every report.
 * v1.0 answers 200 with the CSV itself (no redirect); beta, or v1.0 with `$format=application/json`
 * (as earlier revisions showed it), or any call while the tenant setting `copilotReportJson` is on,
 * answers JSON. Version 1 (the default) periods are D7, D30, D90, D180 and ALL; version 2 has D28
 * instead of D30 and adds columns.
 */
const PATTERN = /^\/copilot\/reports\/getMicrosoft365CopilotUsageUserDetail(?:\((.*)\))?$/i;
const NAME = 'getMicrosoft365CopilotUsageUserDetail';
const PERIODS: Readonly<Record<'v1' | 'v2', Readonly<Record<string, number>>>> = {
  v1: { D7: 7, D30: 30, D90: 90, D180: 180, ALL: 180 },
  v2: { D7: 7, D28: 28, D90: 90, D180: 180, ALL: 180 },
};
/** CSV header and JSON property of each app's column. */
const COLUMNS: Readonly<Record<CopilotAppName, readonly [string, string]>> = {
  chat: ['Copilot Chat Last Activity Date', 'copilotChatLastActivityDate'],
  teams: ['Microsoft Teams Copilot Last Activity Date', 'microsoftTeamsCopilotLastActivityDate'],
  word: ['Word Copilot Last Activity Date', 'wordCopilotLastActivityDate'],
  excel: ['Excel Copilot Last Activity Date', 'excelCopilotLastActivityDate'],
  powerPoint: ['PowerPoint Copilot Last Activity Date', 'powerPointCopilotLastActivityDate'],
  outlook: ['Outlook Copilot Last Activity Date', 'outlookCopilotLastActivityDate'],
  oneNote: ['OneNote Copilot Last Activity Date', 'oneNoteCopilotLastActivityDate'],
  loop: ['Loop Copilot Last Activity Date', 'loopCopilotLastActivityDate'],
};
/** The published v1 header order: Copilot Chat comes before the other apps. */
const HEADER_ORDER: readonly CopilotAppName[] = [
  'chat',
  'teams',
  'word',
  'excel',
  'powerPoint',
  'outlook',
  'oneNote',
  'loop',
];

interface CopilotCall {
  periodDays: number;
  version: 'v1' | 'v2';
}

function parseCall(args: string | undefined): CopilotCall {
  const named = new Map<string, string>();
  for (const part of (args ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\w+)\s*=\s*'([^']*)'$/.exec(part);
    if (!m) throw Errors.badRequest(`Invalid function parameter '${part}'.`);
    named.set(m[1]!.toLowerCase(), m[2]!);
  }
  const version = (named.get('version') ?? 'v1').toLowerCase();
  if (version !== 'v1' && version !== 'v2')
    throw Errors.badRequest(
      `Invalid value '${version}' for the 'version' parameter. The supported values are 'v1' and 'v2'.`,
    );
  const period = named.get('period');
  if (period === undefined) throw Errors.badRequest(`${NAME} requires the 'period' parameter.`);
  const days = PERIODS[version][period.toUpperCase()];
  if (!days)
    throw Errors.badRequest(
      `Invalid value '${period}' for the 'period' parameter. Supported values are ${Object.keys(PERIODS[version]).join(', ')}.`,
    );
  for (const key of named.keys())
    if (key !== 'period' && key !== 'version') throw Errors.badRequest(`Unknown parameter '${key}'.`);
  return { periodDays: days, version };
}

function wantsJson(ctx: SimContext, req: ApiRequest): boolean {
  const format = option(req, '$format')?.toLowerCase();
  if (format === 'application/json') return true;
  if (format === 'text/csv') return false;
  if (format !== undefined)
    throw new GraphError(400, 'BadRequest', `Unsupported $format '${format}'. Use text/csv or application/json.`);
  return req.version === 'beta' || ctx.settings.copilotReportJson;
}

/** A holder's row: dates as day numbers, undefined when never. */
function rowOf(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i) || !holdsCopilot(ctx.tenant, i)) return undefined;
  const use = ctx.tenant.copilotLast.get(i);
  const days = COPILOT_APPS.map((_, a) => reportedDay(use?.[a] ?? 0, scope));
  const last = days.reduce<number | undefined>(
    (m, d) => (d !== undefined && (m === undefined || d > m) ? d : m),
    undefined,
  );
  return { user: userFacts(ctx, scope, i), last, days };
}

function csv(ctx: SimContext, scope: ReportScope, version: 'v1' | 'v2'): string {
  const apps = HEADER_ORDER.map((a) => COLUMNS[a][0]);
  const v2 =
    version === 'v2'
      ? [
          'Copilot Chat (work) Last Activity Date',
          'Copilot Chat (web) Last Activity Date',
          'Active Usage Days for all apps',
        ]
      : [];
  let text =
    BOM +
    csvLine([
      'Report Refresh Date',
      'User Principal Name',
      'Display Name',
      'Last Activity Date',
      ...apps,
      'Report Period',
      ...v2,
    ]);
  for (let i = 0; i < ctx.tenant.size; i++) {
    const r = rowOf(ctx, scope, i);
    if (!r) continue;
    const extra: Cell[] =
      version === 'v2' ? [dayCell(r.days[COPILOT_APPS.indexOf('chat')]), '', r.last === undefined ? 0 : 1] : [];
    text += csvLine([
      dayCell(scope.refreshDay),
      r.user.upn,
      r.user.name,
      dayCell(r.last),
      ...HEADER_ORDER.map((a) => dayCell(r.days[COPILOT_APPS.indexOf(a)])),
      scope.periodDays,
      ...extra,
    ]);
  }
  return text;
}

function handle(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$format', '$top']);
  requireAny(req, READ_REPORTS);
  const call = parseCall(match[1]);
  const scope = reportScope(ctx, { periodDays: call.periodDays });
  if (!wantsJson(ctx, req))
    return {
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      text: csv(ctx, scope, call.version),
    };
  const top = pageSize(req, { fallback: 200, max: 200, oversized: 'clamp' });
  // The latest revision writes an empty string for a date it has none of.
  const day = (d: number | undefined) => (d === undefined ? '' : dayString(d));
  const page = scanPage(
    pageCursor(req),
    ctx.tenant.size,
    top,
    (i) => rowOf(ctx, scope, i) !== undefined,
    (i) => {
      const r = rowOf(ctx, scope, i)!;
      const item: Record<string, unknown> = {
        reportRefreshDate: dayString(scope.refreshDay),
        userPrincipalName: r.user.upn,
        displayName: r.user.name,
        lastActivityDate: day(r.last),
      };
      COPILOT_APPS.forEach((a, k) => {
        item[COLUMNS[a][1]] = day(r.days[k]);
      });
      item['copilotActivityUserDetailsByPeriod'] = [{ reportPeriod: scope.periodDays }];
      return item;
    },
  );
  return {
    status: 200,
    json: collectionBody(contextUrl(req, 'Collection(microsoft.graph.copilotUsageUserDetail)'), page, req),
  };
}

function charge(req: ApiRequest): Charge | undefined {
  return PATTERN.test(req.path)
    ? { bucket: option(req, '$format') ? 'reportJson' : 'reportCsv', key: NAME, units: 1 }
    : undefined;
}

export const copilotReportRoutes: readonly Route[] = [{ method: 'GET', pattern: PATTERN, charge, handle }];
