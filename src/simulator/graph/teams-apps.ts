import type { SimContext } from '../context';
import { INSTALL_USER_APPS } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { requireAny } from './authorize';
import { directoryReadCharge, WRITE_CHARGE } from './charges';
import { Errors, GraphError } from './errors';
import { refuseUnsupportedOptions } from './odata-query';
import { contextUrl } from './paging';
import { option, type AuthorizedRequest, type Route } from './request';
import { resolveUser } from './users/get';

/*
 * Apps in a user's personal scope (userTeamwork installedApps): list (with the filter on the
 * catalog app's id), install from the organisation's catalog, and the 1:1 chat Teams opens between
 * the user and the app. Documented answers: 201 without a body for an install, 409 when it is
 * installed already, 404 for a user or an installation that is not there; 403 without the
 * permission. A user without Teams (no license that includes it) and an app that is not in the
 * catalog answer 404 here; Graph's own wording for those varies.
 */

const notFound = (message: string) => new GraphError(404, 'NotFound', message);
const BIND = /\/appCatalogs\/teamsApps\/([^/?#'"]+)$/i;

function teamsUser(ctx: SimContext, req: AuthorizedRequest, key: string): number {
  requireAny(req, INSTALL_USER_APPS);
  const i = resolveUser(ctx, req, key);
  if (!ctx.teamsApps.hasTeams(ctx.tenant, i))
    throw notFound(`User '${key}' is not enabled for Microsoft Teams: no license of theirs includes it.`);
  return i;
}

function installationJson(
  ctx: SimContext,
  req: AuthorizedRequest,
  inst: { id: string; appId: string },
  expand: boolean,
) {
  const app = ctx.teamsApps.catalog.get(inst.appId);
  return {
    id: inst.id,
    ...(expand
      ? {
          teamsApp: {
            id: inst.appId,
            externalId: null,
            displayName: app?.displayName ?? null,
            distributionMethod: 'organization',
          },
        }
      : {}),
  };
}

function list(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$expand', '$filter']);
  const i = teamsUser(ctx, req, match[1] ?? '');
  const expand = option(req, '$expand');
  if (expand !== undefined && expand.trim().toLowerCase() !== 'teamsapp')
    throw Errors.badRequest(
      `Could not find a property named '${expand}' on type 'microsoft.graph.userScopeTeamsAppInstallation'.`,
    );
  const filter = option(req, '$filter');
  let appId: string | null = null;
  if (filter !== undefined) {
    const m = /^\s*teamsApp\/id\s+eq\s+'([^']*)'\s*$/i.exec(filter);
    if (!m) throw Errors.unsupportedQuery(`The filter '${filter}' is not supported on this resource.`);
    appId = m[1]!.toLowerCase();
  }
  const value = ctx.teamsApps
    .of(i)
    .filter((inst) => appId === null || inst.appId === appId)
    .map((inst) => installationJson(ctx, req, inst, expand !== undefined));
  return {
    status: 200,
    json: { '@odata.context': contextUrl(req, `users('${ctx.tenant.ids[i]}')/teamwork/installedApps`), value },
  };
}

function install(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  const i = teamsUser(ctx, req, match[1] ?? '');
  const body = req.body as Record<string, unknown> | null;
  const bind = typeof body === 'object' && body !== null ? body['teamsApp@odata.bind'] : undefined;
  const m = typeof bind === 'string' ? BIND.exec(bind) : null;
  if (!m)
    throw Errors.badRequest(
      "The request body must bind 'teamsApp@odata.bind' to an app of the catalog (…/appCatalogs/teamsApps/{id}).",
    );
  const appId = decodeURIComponent(m[1]!).toLowerCase();
  if (!ctx.teamsApps.catalog.has(appId)) throw notFound(`The app '${appId}' is not in the organisation's app catalog.`);
  if (ctx.teamsApps.of(i).some((inst) => inst.appId === appId))
    throw new GraphError(409, 'Conflict', 'The app is already installed for this user.');
  ctx.teamsApps.install(ctx.tenant, i, appId, ctx.clock.now());
  return { status: 201 };
}

function chat(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult {
  refuseUnsupportedOptions(req, ['$select']);
  const i = teamsUser(ctx, req, match[1] ?? '');
  const inst = ctx.teamsApps.of(i).find((x) => x.id === match[2]);
  if (!inst) throw notFound(`No app installation '${match[2] ?? ''}' for this user.`);
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(req, 'chats/$entity'),
      id: inst.chatId,
      topic: null,
      chatType: 'oneOnOne',
      createdDateTime: new Date(inst.installedAtMs).toISOString(),
      lastUpdatedDateTime: new Date(inst.installedAtMs).toISOString(),
      tenantId: ctx.tenant.identity.tenantId,
    },
  };
}

export const teamsAppRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/i,
    versions: ['v1.0', 'beta'],
    charge: (req) => directoryReadCharge(req, 1),
    handle: list,
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/i,
    versions: ['v1.0', 'beta'],
    charge: () => WRITE_CHARGE,
    handle: install,
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/i,
    versions: ['v1.0', 'beta'],
    charge: (req) => directoryReadCharge(req, 1),
    handle: chat,
  },
];
