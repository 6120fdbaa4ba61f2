import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context';
import { managedIdentityToken, type ManagedIdentity } from '../auth/managed-identity';
import { send } from './respond';

/**
 * The third origin, standing in for App Service's local identity endpoint (IDENTITY_ENDPOINT): plain
 * HTTP on the loopback address, as App Service serves it to the app's process only.
 */
export function serveIdentityOrigin(
  ctx: SimContext,
  identity: ManagedIdentity,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const url = new URL(req.url ?? '/', 'http://identity');
  const header = req.headers['x-identity-header'];
  const result =
    url.pathname === '/msi/token' && req.method === 'GET'
      ? managedIdentityToken(
          identity,
          ctx.signer,
          ctx.app.tenantId,
          url.searchParams,
          typeof header === 'string' ? header : undefined,
        )
      : {
          status: 404,
          json: { error: 'not_found', error_description: `${req.method} ${url.pathname} is not served here.` },
        };
  send(res, result);
  ctx.calls.record({
    time: new Date().toISOString(),
    origin: 'identity',
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search.slice(1),
    status: result.status,
    authorization: header !== undefined,
  });
}
