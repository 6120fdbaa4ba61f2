import type { SimContext } from '../context';
import { DAY_MS } from '../clock';
import type { HttpResult } from '../http/result';
import { SIGN_IN_APPS, SIGN_IN_FAILURES } from '../tenant/catalog-apps';
import { displayName, userPrincipalName } from '../tenant/user-fields';
import { requireAny, requireAuditData } from './authorize';
import { compileFilter, type FilterSchema } from './filter/compile';
import { parseFilter, type Expr } from './filter/parse';
import { pick } from './groups-view';
import { pageSize, refuseUnsupportedOptions, selectedProperties } from './odata-query';
import { collectionBody, contextUrl, pageCursor, scanPage } from './paging';
import { option, type AuthorizedRequest, type Route } from './request';
import { SIGN_IN_PROPERTIES, signInJson } from './sign-in-view';

/**
 * GET /auditLogs/signIns (docs/graph-behaviour.md §6): interactive sign-ins, newest first, 1,000 a page (default and
 * maximum), within retention: 30 days with Entra ID P1; a tenant that just upgraded sees only 7 days
 * before the upgrade. Time bounds in `$filter` narrow the scan by binary search.
 */
const RETENTION_DAYS = 30;
const BEFORE_UPGRADE_DAYS = 7;

function schema(ctx: SimContext): FilterSchema<number> {
  const log = ctx.tenant.signIns;
  const t = ctx.tenant;
  const app = (k: number) => SIGN_IN_APPS[log.app[k] ?? 0];
  return {
    resource: 'SignIn',
    fields: {
      createdDateTime: { type: 'datetime', ops: ['ge', 'le', 'gt', 'lt', 'eq'], get: (k) => log.time[k] ?? 0 },
      appId: { type: 'guid', ops: ['eq', 'ne', 'in'], get: (k) => app(k)?.appId ?? null },
      appDisplayName: { type: 'string', ops: ['eq', 'ne', 'startswith'], get: (k) => app(k)?.displayName ?? null },
      userId: { type: 'guid', ops: ['eq', 'ne', 'in'], get: (k) => t.id(log.user[k] ?? 0) },
      userPrincipalName: {
        type: 'string',
        ops: ['eq', 'startswith'],
        get: (k) => userPrincipalName(t, log.user[k] ?? 0),
      },
      userDisplayName: { type: 'string', ops: ['eq', 'startswith'], get: (k) => displayName(t, log.user[k] ?? 0) },
      'status/errorCode': {
        type: 'number',
        ops: ['eq', 'ne'],
        get: (k) => SIGN_IN_FAILURES[(log.status[k] ?? 0) - 1]?.code ?? 0,
      },
      isInteractive: { type: 'bool', ops: ['eq'], get: () => true },
    },
  };
}

/** createdDateTime bounds from the top-level `and` chain, to start and stop the scan early. */
function timeBounds(expr: Expr, bounds = { from: -Infinity, to: Infinity }): { from: number; to: number } {
  if (expr.k === 'and') return timeBounds(expr.r, timeBounds(expr.l, bounds));
  if (expr.k === 'cmp' && expr.path === 'createdDateTime' && expr.value.t === 'datetime') {
    const v = expr.value.v;
    if (expr.op === 'ge' || expr.op === 'gt') bounds.from = Math.max(bounds.from, v);
    if (expr.op === 'le' || expr.op === 'lt') bounds.to = Math.min(bounds.to, v + 1);
  }
  return bounds;
}

function listSignIns(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$top', '$filter', '$select']);
  requireAuditData(ctx, req);
  if (ctx.settings.signInsRequireDirectoryRead) requireAny(req, ['Directory.Read.All', 'Directory.ReadWrite.All']);
  const selected = selectedProperties(req, SIGN_IN_PROPERTIES, 'signIn');
  const top = pageSize(req, { fallback: 1000, max: 1000, oversized: 'clamp' });
  const text = option(req, '$filter');
  const expr = text === undefined ? undefined : parseFilter(text);
  const predicate = expr ? compileFilter(expr, schema(ctx)) : () => true;
  const bounds = expr ? timeBounds(expr) : { from: -Infinity, to: Infinity };
  const now = ctx.clock.now();
  const upgradedAt = ctx.settings.premiumSinceMs;
  const retained = Math.max(
    now - RETENTION_DAYS * DAY_MS,
    upgradedAt === null ? -Infinity : upgradedAt - BEFORE_UPGRADE_DAYS * DAY_MS,
  );
  const log = ctx.tenant.signIns;
  // Entries carry sub-second ticks after their whole second, so the current second counts in full.
  const endOfNowSecond = Math.floor(now / 1000) * 1000 + 999.9999;
  const start = Math.max(pageCursor(req), log.firstAtOrBefore(Math.min(endOfNowSecond, bounds.to)));
  const end = log.firstBefore(Math.max(retained, bounds.from));
  const page = scanPage(start, end, top, predicate, (k) => pick(signInJson(ctx, k), selected));
  return { status: 200, json: collectionBody(contextUrl(req, 'auditLogs/signIns'), page, req) };
}

export const signInRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/auditLogs\/signIns$/i,
    charge: () => ({ bucket: 'identityReports', units: 1 }),
    handle: listSignIns,
  },
];
