import type { SimContext } from '../context';
import { READ_REGISTRATION } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { Flag, UserKind } from '../tenant/tenant';
import { displayName, userPrincipalName } from '../tenant/user-fields';
import { isoSeconds } from '../util/dates';
import { hash32 } from '../util/random';
import { requireAuditData } from './authorize';
import { Errors } from './errors';
import { compileFilter, type FilterSchema } from './filter/compile';
import { parseFilter } from './filter/parse';
import { pick } from './groups-view';
import { pageSize, refuseUnsupportedOptions, selectedProperties } from './odata-query';
import { collectionBody, contextUrl, pageCursor, scanPage } from './paging';
import { option, type AuthorizedRequest, type Route } from './request';

/**
 * GET /reports/authenticationMethods/userRegistrationDetails, beta and v1.0 (docs/graph-behaviour.md §5): one row
 * per enabled member or guest ("doesn't work for disabled users"), MFA state from the tenant's flags.
 * Page size is undocumented (unverified: docs/graph-behaviour.md §5): 100 by default, at most 999.
 */
const METHODS = [
  'microsoftAuthenticatorPush',
  'softwareOneTimePasscode',
  'mobilePhone',
  'email',
  'windowsHelloForBusiness',
  'passKeyDeviceBound',
];

function methods(ctx: SimContext, i: number): string[] {
  const t = ctx.tenant;
  const h = hash32(t.identity.seed, i, 23);
  const out: string[] = [];
  if (t.has(i, Flag.mfaRegistered)) {
    out.push(h % 3 === 0 ? 'mobilePhone' : 'microsoftAuthenticatorPush');
    METHODS.forEach((m, k) => {
      if (!out.includes(m) && (h >>> (k + 4)) % 4 === 0) out.push(m);
    });
  }
  if (t.has(i, Flag.ssprRegistered) && !out.includes('email')) out.push('email');
  return out;
}

function rowJson(ctx: SimContext, i: number): Record<string, unknown> {
  const t = ctx.tenant;
  const registered = methods(ctx, i);
  const mfa = t.has(i, Flag.mfaRegistered);
  const preferred = registered[0] ?? 'none';
  return {
    id: t.id(i),
    userPrincipalName: userPrincipalName(t, i),
    userDisplayName: displayName(t, i),
    userType: t.kind[i] === UserKind.guest ? 'guest' : 'member',
    isAdmin: t.has(i, Flag.admin),
    isSsprRegistered: t.has(i, Flag.ssprRegistered),
    isSsprEnabled: t.kind[i] === UserKind.member,
    isSsprCapable: t.has(i, Flag.ssprRegistered) && t.kind[i] === UserKind.member,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: registered.includes('windowsHelloForBusiness') || registered.includes('passKeyDeviceBound'),
    methodsRegistered: registered,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: mfa ? [preferred === 'microsoftAuthenticatorPush' ? 'push' : preferred] : [],
    userPreferredMethodForSecondaryAuthentication: mfa ? (preferred === 'mobilePhone' ? 'sms' : 'push') : 'none',
    defaultMfaMethod: mfa ? preferred : 'none',
    lastUpdatedDateTime: isoSeconds(
      Math.max(t.createdMs[i] ?? 0, t.identity.anchorMs - (hash32(t.identity.seed, i, 29) % 400) * 86_400_000),
    ),
  };
}

const PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'userPrincipalName',
  'userDisplayName',
  'userType',
  'isAdmin',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isMfaRegistered',
  'isMfaCapable',
  'isPasswordlessCapable',
  'methodsRegistered',
  'isSystemPreferredAuthenticationMethodEnabled',
  'systemPreferredAuthenticationMethods',
  'userPreferredMethodForSecondaryAuthentication',
  'defaultMfaMethod',
  'lastUpdatedDateTime',
]);

function schema(ctx: SimContext): FilterSchema<number> {
  const bool = (key: string) => ({
    type: 'bool' as const,
    ops: ['eq' as const],
    get: (i: number) => rowJson(ctx, i)[key] as boolean,
  });
  const str = (key: string) => ({
    type: 'string' as const,
    ops: ['eq' as const, 'startswith' as const],
    get: (i: number) => rowJson(ctx, i)[key] as string,
  });
  return {
    resource: 'UserRegistrationDetails',
    fields: {
      isMfaRegistered: bool('isMfaRegistered'),
      isMfaCapable: bool('isMfaCapable'),
      isSsprRegistered: bool('isSsprRegistered'),
      isSsprEnabled: bool('isSsprEnabled'),
      isAdmin: bool('isAdmin'),
      userPrincipalName: str('userPrincipalName'),
      userDisplayName: str('userDisplayName'),
      userType: str('userType'),
    },
    collections: {
      methodsRegistered: {
        element: { type: 'string', ops: ['eq'], get: (m) => m as string },
        elements: (i) => methods(ctx, i),
      },
    },
  };
}

/** Users the report lists: enabled members and guests ("doesn't work for disabled users"). */
function listed(ctx: SimContext, i: number): boolean {
  const t = ctx.tenant;
  return t.isLive(i) && t.has(i, Flag.enabled) && (t.kind[i] === UserKind.member || t.kind[i] === UserKind.guest);
}

function listRegistrationDetails(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$top', '$filter', '$select']);
  requireAuditData(ctx, req, READ_REGISTRATION);
  const selected = selectedProperties(req, PROPERTIES, 'userRegistrationDetails');
  const top = pageSize(req, { fallback: 100, max: 999, oversized: 'clamp' });
  const text = option(req, '$filter');
  const predicate = text === undefined ? () => true : compileFilter(parseFilter(text), schema(ctx));
  const t = ctx.tenant;
  const accept = (i: number) => listed(ctx, i) && predicate(i);
  const page = scanPage(pageCursor(req), t.size, top, accept, (i) => pick(rowJson(ctx, i), selected));
  return {
    status: 200,
    json: collectionBody(contextUrl(req, 'reports/authenticationMethods/userRegistrationDetails'), page, req),
  };
}

/** GET …/userRegistrationDetails/{id}: one user's row; 404 for a user the list would not show. */
function getRegistrationDetails(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, []);
  requireAuditData(ctx, req, READ_REGISTRATION);
  const i = ctx.tenant.resolve(match[1] ?? '');
  if (i < 0 || !listed(ctx, i)) throw Errors.notFound(match[1] ?? '');
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(req, 'reports/authenticationMethods/userRegistrationDetails/$entity'),
      ...rowJson(ctx, i),
    },
  };
}

const identityReports = () => ({ bucket: 'identityReports' as const, units: 1 });

export const registrationDetailsRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails$/i,
    charge: identityReports,
    handle: listRegistrationDetails,
  },
  {
    method: 'GET',
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails\/([^/]+)$/i,
    charge: identityReports,
    handle: getRegistrationDetails,
  },
];
