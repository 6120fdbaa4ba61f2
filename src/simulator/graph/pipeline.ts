import type { SimContext } from '../context';
import { injectedFault } from '../faults/inject';
import type { HttpResult } from '../http/result';
import { tooManyRequests } from '../throttle/too-many-requests';
import { authenticate } from './authenticate';
import { batchRoute } from './batch';
import { Errors, GraphError, errorEnvelope } from './errors';
import { GRAPH_ROUTES } from './routes';
import type { ApiRequest, Caller, Route } from './request';

/**
 * One Graph request from start to answer: authenticate, find the route, injected faults, throttling,
 * the handler, and the error envelope with request-id (docs/graph-behaviour.md §0). $batch runs its inner requests
 * through the same function with the outer caller.
 */
const ROUTES: readonly Route[] = [...GRAPH_ROUTES, batchRoute((ctx, req, caller) => runGraph(ctx, req, { caller }))];

function findRoute(req: ApiRequest): { route: Route; match: RegExpExecArray } {
  let methodMismatch = false;
  for (const route of ROUTES) {
    if (route.versions && !route.versions.includes(req.version)) continue;
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    if (route.method === req.method) return { route, match };
    methodMismatch = true;
  }
  if (methodMismatch)
    throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  throw Errors.unknownSegment(req.path.split('/')[1] ?? '');
}

/** The body of a malformed path's answer: no Graph resource or collection has this shape. */
const MALFORMED = { id: 42, value: 'not a collection' };

export async function runGraph(
  ctx: SimContext,
  req: ApiRequest,
  auth: { authorization?: string } | { caller: Caller },
): Promise<HttpResult> {
  const ids = { 'request-id': req.requestId, 'client-request-id': req.clientRequestId };
  try {
    const caller = 'caller' in auth ? auth.caller : authenticate(ctx, auth.authorization);
    const { route, match } = findRoute(req);
    const path = `/${req.version}${req.path}`;
    const fault = injectedFault(ctx.faults, ctx.faultRng, ctx.timeScale, { path, inBatch: 'caller' in auth });
    if (fault) throw fault;
    if (ctx.faults.malformedPaths.includes(path.toLowerCase())) return { status: 200, headers: ids, json: MALFORMED };
    const charge = route.charge(req);
    if (charge) {
      const throttled = ctx.throttler.check(charge);
      if (throttled) throw tooManyRequests(throttled.retryAfterMs, throttled.headers);
    }
    const result = await route.handle(ctx, { ...req, caller }, match);
    const units: Record<string, string> =
      charge?.bucket === 'directoryRead' ? { 'x-ms-resource-unit': String(charge.units) } : {};
    return { ...result, headers: { ...result.headers, ...units, ...ids } };
  } catch (e) {
    const error =
      e instanceof GraphError
        ? e
        : new GraphError(500, 'generalException', 'An internal error occurred in the simulator.');
    if (!(e instanceof GraphError)) ctx.logger.error({ err: e, path: req.path }, 'simulator handler failed');
    return {
      status: error.status,
      headers: { ...error.headers, ...ids },
      json: errorEnvelope(error, req.requestId, req.clientRequestId, ctx.clock.now()),
    };
  }
}
