import type { IncomingMessage } from 'node:http';
import type { SimContext } from '../context';
import { adminConsent } from '../auth/admin-consent';
import { keys, openIdConfiguration } from '../auth/metadata';
import { issueToken } from '../auth/token-endpoint';
import type { HttpResult } from './result';

/** The Entra side of the origin: token endpoint, admin consent, OpenID configuration and signing keys (docs/graph-behaviour.md §1 and §13). */
const TOKEN = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const ADMIN_CONSENT = /^\/([^/]+)\/v2\.0\/adminconsent$/;
const OPENID = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const KEYS = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;

export function isLoginPath(path: string): boolean {
  return TOKEN.test(path) || ADMIN_CONSENT.test(path) || OPENID.test(path) || KEYS.test(path);
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const [id = '', ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
}

/**
 * `authorities` are the origins clients know this simulator by (its own, and the one in the request's
 * Host header): a client assertion's `aud` is the token endpoint under either.
 */
export function handleLogin(
  ctx: SimContext,
  authorities: readonly string[],
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
): HttpResult {
  const authority = authorities[0] ?? '';
  const token = TOKEN.exec(path);
  if (token && req.method === 'POST') {
    const basic = basicAuth(req.headers.authorization);
    const correlation = req.headers['client-request-id'];
    const tenants = [ctx.app.tenantId, ctx.app.domain];
    return issueToken(ctx.app, ctx.signer, ctx.servicePrincipalId, {
      tenant: token[1] ?? '',
      form: new URLSearchParams(body.toString('utf8')),
      ...(basic ? { basicAuth: basic } : {}),
      ...(typeof correlation === 'string' ? { correlationId: correlation } : {}),
      tokenEndpoints: authorities.flatMap((origin) => tenants.map((t) => `${origin}/${t}/oauth2/v2.0/token`)),
    });
  }
  const consent = ADMIN_CONSENT.exec(path);
  if (consent) {
    return adminConsent(ctx.app, {
      method: req.method ?? 'GET',
      tenant: consent[1] ?? '',
      query: new URLSearchParams(query),
      form: new URLSearchParams(req.method === 'POST' ? body.toString('utf8') : ''),
      self: `${path}?${query}`,
    });
  }
  const openid = OPENID.exec(path);
  if (openid && req.method === 'GET') return openIdConfiguration(ctx.app, authority, openid[1] ?? '');
  if (KEYS.test(path) && req.method === 'GET') return keys(ctx.signer);
  return { status: 405, json: { error: 'invalid_request', error_description: `${req.method} is not supported here.` } };
}
