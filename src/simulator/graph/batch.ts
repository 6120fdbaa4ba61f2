import { randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import type { HttpResult } from '../http/result';
import { GraphError } from './errors';
import { decodePath, type ApiRequest, type AuthorizedRequest, type Caller, type Route } from './request';

/**
 * POST /$batch (docs/graph-behaviour.md §8): up to 20 requests with unique ids (case-insensitive); the outer answer is
 * 200 even when inner requests fail, and responses come in any order. Each inner request runs the
 * whole pipeline on its own, so it can be throttled on its own (inner 429 with its own Retry-After).
 * A request whose dependency failed answers 424.
 */
export type InnerExecutor = (ctx: SimContext, req: ApiRequest, caller: Caller) => Promise<HttpResult>;

interface InnerRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

const MAX_REQUESTS = 20;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const malformed = (message: string) => new GraphError(400, 'BadRequest', message);

function parseBatch(body: unknown): InnerRequest[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw malformed('Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS)
    throw malformed(`The number of requests in the batch exceeds the limit of ${MAX_REQUESTS}.`);
  const parsed = requests.map((raw: unknown): InnerRequest => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const { id, method, url } = r;
    if (
      typeof id !== 'string' ||
      id === '' ||
      typeof method !== 'string' ||
      !METHODS.has(method.toUpperCase()) ||
      typeof url !== 'string'
    ) {
      throw malformed('Each batch request needs an id, a method and a relative url.');
    }
    const headers = Object.fromEntries(
      Object.entries((r['headers'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    if (r['body'] !== undefined && !headers['content-type'])
      throw malformed(`Request '${id}' has a body but no Content-Type header.`);
    const dependsOn = Array.isArray(r['dependsOn']) ? r['dependsOn'].map(String) : [];
    return { id, method: method.toUpperCase(), url, headers, body: r['body'], dependsOn };
  });
  const ids = parsed.map((r) => r.id.toLowerCase());
  if (new Set(ids).size !== ids.length) throw malformed('Batch request ids must be unique.');
  for (const r of parsed) {
    if (r.dependsOn.some((d) => !ids.includes(d.toLowerCase())))
      throw malformed(`Request '${r.id}' depends on an unknown id.`);
  }
  return parsed;
}

function innerApiRequest(outer: AuthorizedRequest, inner: InnerRequest): ApiRequest {
  const [rawPath = '', rawQuery = ''] = inner.url.replace(/^\/?/, '/').split('?', 2);
  return {
    method: inner.method,
    version: outer.version,
    path: decodePath(rawPath),
    params: [...new URLSearchParams(rawQuery)],
    headers: inner.headers,
    body: inner.body,
    origin: outer.origin,
    requestId: randomUUID(),
    clientRequestId: inner.headers['client-request-id'] ?? outer.clientRequestId,
  };
}

const titleCase = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

function innerResponse(id: string, result: HttpResult): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [titleCase(k), v]));
  return {
    id,
    status: result.status,
    headers,
    ...(result.json !== undefined ? { body: result.json } : result.text ? { body: result.text } : {}),
  };
}

export function batchRoute(execute: InnerExecutor): Route {
  return {
    method: 'POST',
    pattern: /^\/\$batch$/,
    charge: () => undefined,
    async handle(ctx, req) {
      const requests = parseBatch(req.body);
      const sequential = requests.some((r) => r.dependsOn.length > 0);
      const status = new Map<string, number>();
      const run = async (r: InnerRequest) => {
        if (r.dependsOn.some((d) => (status.get(d.toLowerCase()) ?? 424) >= 400)) {
          status.set(r.id.toLowerCase(), 424);
          return {
            id: r.id,
            status: 424,
            headers: {},
            body: { error: { code: 'FailedDependency', message: 'A dependency of this request failed.' } },
          };
        }
        const inner = innerApiRequest(req, r);
        const result =
          inner.path === '/$batch'
            ? { status: 400, json: { error: { code: 'BadRequest', message: 'A batch cannot contain another batch.' } } }
            : await execute(ctx, inner, req.caller);
        status.set(r.id.toLowerCase(), result.status);
        ctx.calls.record({
          time: new Date().toISOString(),
          origin: 'graph',
          method: inner.method,
          path: `/${inner.version}${inner.path}`,
          query: new URLSearchParams(inner.params.map(([k, v]) => [k, v])).toString(),
          status: result.status,
          authorization: true,
          requestId: inner.requestId,
          batchRequestId: req.requestId,
        });
        return innerResponse(r.id, result);
      };
      const responses: Record<string, unknown>[] = [];
      if (sequential) for (const r of requests) responses.push(await run(r));
      else responses.push(...(await Promise.all(requests.map(run))));
      for (let k = responses.length - 1; k > 0; k--) {
        const j = ctx.faultRng.int(k + 1);
        [responses[k], responses[j]] = [
          responses[j] as Record<string, unknown>,
          responses[k] as Record<string, unknown>,
        ];
      }
      return { status: 200, json: { responses } };
    },
  };
}
