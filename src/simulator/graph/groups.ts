import type { SimContext } from '../context';
import { READ_GROUPS } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { GROUPS, groupIndexById, transitiveGroupMask } from '../tenant/catalog-groups';
import { requireAny, requireAuditData } from './authorize';
import { directoryReadCharge } from './charges';
import { Errors } from './errors';
import { compileFilter } from './filter/compile';
import { parseFilter } from './filter/parse';
import { GROUP_PROPERTY_NAMES, groupJson, pick } from './groups-view';
import { pageSize, refuseUnsupportedOptions, selectedProperties } from './odata-query';
import { collectionBody, contextUrl, pageCursor, scanPage } from './paging';
import { option, type AuthorizedRequest, type Route } from './request';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTY_NAMES, userJson, visibleUser } from './users/view';

/**
 * Groups: the product names the group behind a group-inherited license (docs/product-rules.md R20) and resolves
 * exclusion groups to members. Only the tenant's few fixed groups exist.
 */
function findGroup(key: string): number {
  const g = groupIndexById(key);
  if (g < 0) throw Errors.notFound(key);
  return g;
}

function getGroup(_ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$select']);
  requireAny(req, READ_GROUPS);
  const g = GROUPS[findGroup(match[1] ?? '')];
  if (!g) throw Errors.notFound(match[1] ?? '');
  const props = selectedProperties(req, GROUP_PROPERTY_NAMES, 'group');
  return { status: 200, json: { '@odata.context': contextUrl(req, 'groups/$entity'), ...pick(groupJson(g), props) } };
}

function listGroups(_ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$select', '$filter', '$top']);
  requireAny(req, READ_GROUPS);
  const props = selectedProperties(req, GROUP_PROPERTY_NAMES, 'group');
  const text = option(req, '$filter');
  const predicate =
    text === undefined
      ? () => true
      : compileFilter(parseFilter(text), {
          resource: 'Group',
          fields: {
            displayName: {
              type: 'string',
              ops: ['eq', 'ne', 'in', 'startswith'],
              get: (g: number) => GROUPS[g]?.displayName ?? null,
            },
            id: { type: 'guid', ops: ['eq', 'in'], get: (g: number) => GROUPS[g]?.id ?? null },
          },
        });
  const value = GROUPS.flatMap((g, k) => (predicate(k) ? [pick(groupJson(g), props)] : []));
  return { status: 200, json: { '@odata.context': contextUrl(req, 'groups'), value } };
}

/**
 * `members` (direct: users, and nested groups as group objects) and `transitiveMembers` (users of
 * the group and of every nested group, once each, plus the nested groups; `/microsoft.graph.user`
 * keeps the users only). Nested groups come first; the cursor counts them, then users.
 */
function listMembers(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$select', '$top']);
  requireAny(req, READ_GROUPS);
  const group = findGroup(match[1] ?? '');
  const transitive = /transitiveMembers/i.test(match[0] ?? '');
  const usersOnly = match[2] !== undefined;
  const mask = transitive ? transitiveGroupMask(group) : 1 << group;
  const nested = usersOnly
    ? []
    : GROUPS.map((_, k) => k).filter(
        (k) => k !== group && (transitive ? (mask & (1 << k)) !== 0 : GROUPS[group]?.memberGroups?.includes(k)),
      );
  const props = selectedProperties(req, USER_PROPERTY_NAMES, 'user') ?? DEFAULT_USER_PROPERTIES;
  if (props.includes('signInActivity')) requireAuditData(ctx, req);
  const top = pageSize(req, { fallback: 100, max: 999, oversized: 'reject' });
  const n = nested.length;
  const accept = (k: number) =>
    k < n || (((ctx.tenant.groups[k - n] ?? 0) & mask) !== 0 && visibleUser(ctx, k - n, req.version));
  const entry = (k: number) =>
    k < n
      ? {
          '@odata.type': '#microsoft.graph.group',
          ...pick(
            groupJson(GROUPS[nested[k]!]!),
            props.filter((p) => GROUP_PROPERTY_NAMES.has(p)),
          ),
        }
      : { '@odata.type': '#microsoft.graph.user', ...userJson(ctx, k - n, props, req.version) };
  const page = scanPage(pageCursor(req), n + ctx.tenant.size, top, accept, entry);
  return { status: 200, json: collectionBody(contextUrl(req, usersOnly ? 'users' : 'directoryObjects'), page, req) };
}

export const groupRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/groups$/i, charge: (req) => directoryReadCharge(req, 1), handle: listGroups },
  { method: 'GET', pattern: /^\/groups\/([^/]+)$/i, charge: (req) => directoryReadCharge(req, 1), handle: getGroup },
  {
    method: 'GET',
    pattern: /^\/groups\/([^/]+)\/members$/i,
    charge: (req) => directoryReadCharge(req, 1),
    handle: listMembers,
  },
  {
    method: 'GET',
    pattern: /^\/groups\/([^/]+)\/transitiveMembers(\/microsoft\.graph\.user)?$/i,
    charge: (req) => directoryReadCharge(req, 1),
    handle: listMembers,
  },
];
