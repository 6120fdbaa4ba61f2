import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimContext } from '../context';
import { handleControl } from '../control/routes';
import type { SimulatorControl } from '../control/control';
import { Errors, GraphError, errorEnvelope } from '../graph/errors';
import { runGraph } from '../graph/pipeline';
import { decodePath, type ApiRequest, type ApiVersion } from '../graph/request';
import { handleLogin, isLoginPath } from './login-routes';
import { BodyTooLarge, readBody, send } from './respond';
import type { HttpResult } from './result';

/**
 * The main origin: Graph (`/v1.0`, `/beta`), the Entra token endpoints and `/_sim` control, like
 * graph.microsoft.com and login.microsoftonline.com folded onto one port. Every Graph and login call
 * goes to the call log.
 */
export interface GraphOrigin {
  readonly ctx: SimContext;
  readonly control: SimulatorControl;
  /** https://127.0.0.1:PORT */
  readonly origin: string;
}

function clientOrigin(o: GraphOrigin, host: string | undefined): string {
  const port = new URL(o.origin).port;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` ? `https://${host}` : o.origin;
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

async function graphResult(
  o: GraphOrigin,
  req: IncomingMessage,
  version: ApiVersion,
  rest: string,
  query: string,
  body: Buffer,
): Promise<HttpResult> {
  const requestId = randomUUID();
  const clientRequestId =
    typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : requestId;
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
  try {
    if (o.ctx.faults.latencyMs > 0) await sleep(o.ctx.faults.latencyMs);
    const api: ApiRequest = {
      method: req.method ?? 'GET',
      version,
      path: decodePath(rest || '/'),
      params: [...new URLSearchParams(query)],
      headers,
      body: parseJson(body),
      origin: clientOrigin(o, req.headers.host),
      requestId,
      clientRequestId,
    };
    return await runGraph(o.ctx, api, { authorization: req.headers.authorization });
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    return {
      status: e.status,
      headers: { 'request-id': requestId },
      json: errorEnvelope(e, requestId, clientRequestId, o.ctx.clock.now()),
    };
  }
}

export async function serveGraphOrigin(o: GraphOrigin, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://simulator');
  const path = url.pathname;
  const query = url.search.slice(1);
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    send(res, { status: 413, json: { error: { code: 'RequestEntityTooLarge', message: e.message } } });
    return;
  }
  if (path.startsWith('/_sim/') || path === '/_sim') {
    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      json = Symbol('invalid');
    }
    send(
      res,
      typeof json === 'symbol'
        ? { status: 400, json: { error: { code: 'InvalidJson', message: 'the body is not JSON' } } }
        : handleControl(o.control, req.method ?? 'GET', safeDecode(path), json),
    );
    return;
  }
  const version = /^\/(v1\.0|beta)(\/.*)?$/.exec(path);
  const result = version
    ? await graphResult(o, req, version[1] as ApiVersion, version[2] ?? '', query, body)
    : isLoginPath(path)
      ? handleLogin(o.ctx, [...new Set([o.origin, clientOrigin(o, req.headers.host)])], req, path, query, body)
      : {
          status: 400,
          json: errorEnvelope(
            Errors.unknownSegment(path.split('/')[1] ?? ''),
            randomUUID(),
            randomUUID(),
            o.ctx.clock.now(),
          ),
        };
  send(res, result);
  o.ctx.calls.record({
    time: new Date().toISOString(),
    origin: version ? 'graph' : 'login',
    method: req.method ?? 'GET',
    path,
    query,
    status: result.status,
    authorization: req.headers.authorization !== undefined,
    ...(result.headers?.['request-id'] ? { requestId: result.headers['request-id'] } : {}),
    ...(result.truncate ? { dropped: true } : {}),
  });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
