import { z } from 'zod';
import { READ_USERS } from '../../auth/roles';
import { DAY_MS } from '../../clock';
import type { SimContext } from '../../context';
import type { HttpResult } from '../../http/result';
import { requireAny } from '../authorize';
import { directoryReadCharge } from '../charges';
import { Errors, GraphError } from '../errors';
import { refuseUnsupportedOptions, selectedProperties } from '../odata-query';
import { contextUrl, scanPage } from '../paging';
import { option, type AuthorizedRequest, type Route } from '../request';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTY_NAMES, userJson, visibleUser } from './view';

/**
 * GET /users/delta (Graph's "user: delta" and "Use delta query"): a round starts without a token
 * (every live user) or from a deltaLink (the users changed or removed since it was issued), pages
 * with `@odata.nextLink` and ends with `@odata.deltaLink`. `$select` is given once and carried by
 * the tokens; signInActivity cannot be tracked, and `$top`, `$expand`, `$orderby` are not
 * supported. `$deltatoken=latest` answers no users and a link from now. A changed user comes with
 * every selected property that has a value; a deleted one as its id and `@removed` (reason
 * `changed`: restorable). A deltaLink lives 7 days (then 410 `syncStateNotFound`); the
 * `resetDeltaTokens` fault answers 410 `resyncRequired` with a Location starting over. Changes are
 * tracked per user, not per property (any tracked change returns the user), and users are never
 * created here. Graph does not document its page size: 200 here.
 */
const DELTA_PAGE = 200;
const TOKEN_LIFETIME_MS = 7 * DAY_MS;

/** Where a round is: every live user (`all`), or the changes after `from`; `to` is the sequence it ends at. */
const roundSchema = z
  .object({
    all: z.boolean(),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    cursor: z.number().int().min(0),
    select: z.array(z.string()),
  })
  .strict();
/** What a deltaLink carries: the sequence it was issued at, when, and the properties tracked. */
const deltaSchema = z
  .object({ seq: z.number().int().min(0), issued: z.number(), select: z.array(z.string()) })
  .strict();

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<S extends z.ZodTypeAny>(schema: S, token: string): z.output<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? (parsed.data as z.output<S>) : undefined;
  } catch {
    return undefined;
  }
}

const syncStateNotFound = () =>
  new GraphError(
    410,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  );

function listDelta(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  for (const unsupported of ['$top', '$expand', '$orderby', '$filter', '$count', '$search']) {
    if (option(req, unsupported) !== undefined)
      throw Errors.unsupportedQuery(`The query option '${unsupported}' is not supported with delta queries on users.`);
  }
  refuseUnsupportedOptions(req, ['$select', '$deltatoken']);
  requireAny(req, READ_USERS);
  const selected = selectedProperties(req, USER_PROPERTY_NAMES, 'user');
  if (selected?.includes('signInActivity'))
    throw Errors.unsupportedQuery('signInActivity is not supported in delta queries on users.');
  const t = ctx.tenant;
  const now = ctx.clock.now();
  const link = (query: string) => `${req.origin}/${req.version}/users/delta?${query}`;
  const skipToken = option(req, '$skiptoken');
  const deltaToken = option(req, '$deltatoken');
  let round: z.output<typeof roundSchema>;
  if (skipToken !== undefined) {
    if (selected)
      throw Errors.badRequest('$select cannot be combined with a $skiptoken: the nextLink carries the query.');
    const state = decode(roundSchema, skipToken);
    if (!state) throw Errors.expiredPageToken();
    round = state;
  } else if (deltaToken?.toLowerCase() === 'latest') {
    const body = {
      '@odata.context': contextUrl(req, 'users'),
      '@odata.deltaLink': link(
        `$deltatoken=${encode({ seq: t.seq, issued: now, select: selected ?? [...DEFAULT_USER_PROPERTIES] })}`,
      ),
      value: [],
    };
    return { status: 200, json: body };
  } else if (deltaToken !== undefined) {
    const state = decode(deltaSchema, deltaToken);
    if (!state || now - state.issued > TOKEN_LIFETIME_MS) throw syncStateNotFound();
    if (ctx.faults.resetDeltaTokens) {
      throw new GraphError(
        410,
        'resyncRequired',
        'The delta token is no longer valid, and the app must reset the sync state.',
        { location: link('$deltatoken=') },
      );
    }
    round = { all: false, from: state.seq, to: t.seq, cursor: 0, select: selected ?? state.select };
  } else {
    round = { all: true, from: 0, to: t.seq, cursor: 0, select: selected ?? [...DEFAULT_USER_PROPERTIES] };
  }
  const accept = round.all
    ? (i: number) => visibleUser(ctx, i, req.version)
    : (i: number) => (t.changeSeq[i] ?? 0) > round.from && shown(ctx, i, req);
  const page = scanPage(round.cursor, t.size, DELTA_PAGE, accept, (i) => item(ctx, i, round.select, req));
  const next =
    page.next !== undefined
      ? { '@odata.nextLink': link(`$skiptoken=${encode({ ...round, cursor: page.next })}`) }
      : { '@odata.deltaLink': link(`$deltatoken=${encode({ seq: round.to, issued: now, select: round.select })}`) };
  return { status: 200, json: { '@odata.context': contextUrl(req, 'users'), ...next, value: page.items } };
}

/** A user a tracked round reports: live and visible in this version, or deleted (it was, before). */
function shown(ctx: SimContext, i: number, req: AuthorizedRequest): boolean {
  return visibleUser(ctx, i, req.version) || !ctx.tenant.isLive(i);
}

/** A live user with the properties that have a value; a deleted one as its id and `@removed`. */
function item(ctx: SimContext, i: number, select: readonly string[], req: AuthorizedRequest): Record<string, unknown> {
  if (!ctx.tenant.isLive(i)) return { id: ctx.tenant.id(i), '@removed': { reason: 'changed' } };
  const json = userJson(ctx, i, select.includes('id') ? select : ['id', ...select], req.version);
  for (const key of Object.keys(json)) if (json[key] === null) delete json[key];
  return json;
}

export const usersDeltaRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/users\/(?:microsoft\.graph\.)?delta(?:\(\))?$/i,
    charge: (req) => directoryReadCharge(req, 2),
    handle: listDelta,
  },
];
