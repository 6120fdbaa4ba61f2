import type { SimContext } from '../../context';
import { READ_GROUPS, READ_USERS } from '../../auth/roles';
import type { HttpResult } from '../../http/result';
import { GROUPS } from '../../tenant/catalog-groups';
import { requireAny, requireAuditData } from '../authorize';
import { directoryReadCharge } from '../charges';
import { Errors } from '../errors';
import { groupJson } from '../groups-view';
import { refuseUnsupportedOptions, selectedProperties } from '../odata-query';
import { contextUrl } from '../paging';
import type { ApiRequest, AuthorizedRequest, Route } from '../request';
import { managerExpansion, withManager } from './expand';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTY_NAMES, userJson, visibleUser } from './view';

/** GET /users/{id | userPrincipalName}, its manager and its group memberships. */
export function resolveUser(ctx: SimContext, req: AuthorizedRequest, key: string): number {
  const i = ctx.tenant.resolve(key);
  if (i < 0 || !visibleUser(ctx, i, req.version)) throw Errors.notFound(key);
  return i;
}

function selection(
  ctx: SimContext,
  req: AuthorizedRequest,
  supported: readonly string[] = ['$select'],
): { props: readonly string[] } {
  refuseUnsupportedOptions(req, supported);
  requireAny(req, READ_USERS);
  const selected = selectedProperties(req, USER_PROPERTY_NAMES, 'user');
  if (selected?.includes('signInActivity')) requireAuditData(ctx, req);
  return { props: selected ?? DEFAULT_USER_PROPERTIES };
}

function getUser(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  const { props } = selection(ctx, req, ['$select', '$expand']);
  const expansion = managerExpansion(req);
  const i = resolveUser(ctx, req, match[1] ?? '');
  const user = withManager(ctx, userJson(ctx, i, props, req.version), i, expansion, req.version);
  return { status: 200, json: { '@odata.context': contextUrl(req, 'users/$entity'), ...user } };
}

function getManager(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  const { props } = selection(ctx, req);
  const i = resolveUser(ctx, req, match[1] ?? '');
  const m = ctx.tenant.manager[i] ?? -1;
  if (m < 0 || !ctx.tenant.isLive(m)) throw Errors.notFound('manager');
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(req, 'directoryObjects/$entity'),
      '@odata.type': '#microsoft.graph.user',
      ...userJson(ctx, m, props, req.version),
    },
  };
}

/** Groups have no nesting here, so memberOf and transitiveMemberOf list the same groups. */
function getMemberOf(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$select', '$top']);
  requireAny(req, READ_GROUPS);
  const i = resolveUser(ctx, req, match[1] ?? '');
  const mask = ctx.tenant.groups[i] ?? 0;
  const value = GROUPS.flatMap((g, k) =>
    mask & (1 << k) ? [{ '@odata.type': '#microsoft.graph.group', ...groupJson(g) }] : [],
  );
  return { status: 200, json: { '@odata.context': contextUrl(req, 'directoryObjects'), value } };
}

const userCharge = (req: ApiRequest) => directoryReadCharge(req, 2);

export const userGetRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/users\/([^/]+)$/i, charge: userCharge, handle: getUser },
  { method: 'GET', pattern: /^\/users\/([^/]+)\/manager$/i, charge: userCharge, handle: getManager },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/(?:transitiveMemberOf|memberOf)$/i,
    charge: (req) => directoryReadCharge(req, 1),
    handle: getMemberOf,
  },
];
