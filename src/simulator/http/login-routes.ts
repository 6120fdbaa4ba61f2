import type { IncomingMessage } from 'node:http';
import type { SimContext } from '../context';
import { keys, openIdConfiguration } from '../auth/metadata';
import { issueToken } from '../auth/token-endpoint';
import type { HttpResult } from './result';

/** The Entra side of the origin: token endpoint, OpenID configuration and signing keys (contract §1). */
const TOKEN = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const OPENID = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const KEYS = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;

export function isLoginPath(path: string): boolean {
  return TOKEN.test(path) || OPENID.test(path) || KEYS.test(path);
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const [id = '', ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
}

export function handleLogin(ctx: SimContext, authority: string, req: IncomingMessage, path: string, body: Buffer): HttpResult {
  const token = TOKEN.exec(path);
  if (token && req.method === 'POST') {
    const basic = basicAuth(req.headers.authorization);
    const correlation = req.headers['client-request-id'];
    return issueToken(ctx.app, ctx.signer, ctx.servicePrincipalId, {
      tenant: token[1] ?? '',
      form: new URLSearchParams(body.toString('utf8')),
      ...(basic ? { basicAuth: basic } : {}),
      ...(typeof correlation === 'string' ? { correlationId: correlation } : {}),
    });
  }
  const openid = OPENID.exec(path);
  if (openid && req.method === 'GET') return openIdConfiguration(ctx.app, authority, openid[1] ?? '');
  if (KEYS.test(path) && req.method === 'GET') return keys(ctx.signer);
  return { status: 405, json: { error: 'invalid_request', error_description: `${req.method} is not supported here.` } };
}
