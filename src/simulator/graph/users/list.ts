import type { SimContext } from '../../context';
import { READ_USERS } from '../../auth/roles';
import type { HttpResult } from '../../http/result';
import { requireAny, requireAuditData } from '../authorize';
import { Errors } from '../errors';
import {
  countRequested,
  eventualConsistency,
  pageSize,
  refuseUnsupportedOptions,
  selectedProperties,
} from '../odata-query';
import { collectionBody, contextUrl, pageCursor, scanPage } from '../paging';
import { option, type ApiRequest, type AuthorizedRequest, type Charge, type Route } from '../request';
import { directoryReadCharge } from '../charges';
import { managerExpansion, withManager } from './expand';
import { userFilter } from './filter';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTY_NAMES, userJson, visibleUser } from './view';

/**
 * GET /users (docs/graph-behaviour.md §2): default page 100, at most 999; with signInActivity the page is quietly
 * capped at 120 or 500 (configurable, the docs disagree). Pages hold every user exactly once and the
 * nextLink is opaque. `$count` needs ConsistencyLevel: eventual and shows on the first page only.
 */
const USERS_TOP = { fallback: 100, max: 999, oversized: 'reject' } as const;

function listUsers(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$select', '$top', '$filter', '$count', '$expand']);
  requireAny(req, READ_USERS);
  const selected = selectedProperties(req, USER_PROPERTY_NAMES, 'user');
  const count = countRequested(req);
  const filterText = option(req, '$filter');
  const filter = filterText === undefined ? undefined : userFilter(ctx, filterText, count && eventualConsistency(req));
  const signIn = (selected?.includes('signInActivity') ?? false) || (filter?.usesSignInActivity ?? false);
  if (signIn) requireAuditData(ctx, req);
  let top = pageSize(req, USERS_TOP);
  if (signIn) top = Math.min(top, ctx.settings.signInActivityPageCap);

  const expansion = managerExpansion(req);
  const cursor = pageCursor(req);
  const props = selected ?? DEFAULT_USER_PROPERTIES;
  const accept = (i: number) => visibleUser(ctx, i, req.version) && (filter?.predicate(i) ?? true);
  const page = scanPage(cursor, ctx.tenant.size, top, accept, (i) =>
    withManager(ctx, userJson(ctx, i, props, req.version), i, expansion, req.version),
  );
  const total = count && cursor === 0 ? countMatching(ctx, accept) : undefined;
  const context = contextUrl(req, selected ? `users(${selected.join(',')})` : 'users');
  return { status: 200, json: collectionBody(context, page, req, total), truncate: dropThisPage(ctx) };
}

function countMatching(ctx: SimContext, accept: (i: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < ctx.tenant.size; i++) if (accept(i)) n++;
  return n;
}

/** The "connection dropped mid-page" fault fires once, on the Nth /users page after it was armed. */
function dropThisPage(ctx: SimContext): boolean {
  const target = ctx.faults.dropConnectionOnUsersPage;
  if (target === null) return false;
  ctx.usersPagesServed++;
  if (ctx.usersPagesServed < target) return false;
  ctx.faults.dropConnectionOnUsersPage = null;
  ctx.usersPagesServed = 0;
  return true;
}

/** GET /users/$count returns a text/plain number and needs ConsistencyLevel: eventual (docs/graph-behaviour.md §2). */
function countUsers(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$filter']);
  requireAny(req, READ_USERS);
  if (!eventualConsistency(req))
    throw Errors.badRequest('Count is not currently supported without the ConsistencyLevel header set to eventual.');
  const filterText = option(req, '$filter');
  const filter = filterText === undefined ? undefined : userFilter(ctx, filterText, true);
  if (filter?.usesSignInActivity) requireAuditData(ctx, req);
  const n = countMatching(ctx, (i) => visibleUser(ctx, i, req.version) && (filter?.predicate(i) ?? true));
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, text: String(n) };
}

/** Directory reads cost 2 resource units for users, 1 less with $select (docs/graph-behaviour.md §9.1). */
function userReadCharge(req: ApiRequest): Charge {
  return directoryReadCharge(req, 2);
}

export const usersListRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/users$/i, charge: userReadCharge, handle: listUsers },
  { method: 'GET', pattern: /^\/users\/\$count$/i, charge: userReadCharge, handle: countUsers },
];
