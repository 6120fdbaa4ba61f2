import { randomBytes } from 'node:crypto';
import type { HttpResult } from '../http/result';
import { Aadsts, aadstsResult, type AadstsError } from './aadsts';
import type { AppRegistration } from './app-registration';
import { checkClientAssertion, JWT_BEARER } from './client-assertion';
import { signJwt, type TokenSigner } from './jwt';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Access tokens for Graph live about an hour (docs/graph-behaviour.md §1: expires_in 3599). */
const TOKEN_LIFETIME_S = 3599;
/** OIDC scopes some clients add; they do not name a resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

export interface TokenRequest {
  readonly tenant: string;
  readonly form: URLSearchParams;
  readonly basicAuth?: { readonly id: string; readonly secret: string };
  readonly correlationId?: string;
  /** This tenant's token endpoint URLs, as a client assertion's `aud` may name them. */
  readonly tokenEndpoints: readonly string[];
}

/** POST /{tenant}/oauth2/v2.0/token with the client-credentials grant (docs/graph-behaviour.md §1). */
export function issueToken(
  app: AppRegistration,
  signer: TokenSigner,
  servicePrincipalId: string,
  req: TokenRequest,
): HttpResult {
  const failure = validate(app, signer, req);
  if (failure) return aadstsResult(failure, req.correlationId);
  const now = Math.floor(Date.now() / 1000);
  const roles = app.granted();
  const uti = Buffer.from(`${app.tokenGeneration}.${randomBytes(9).toString('hex')}`).toString('base64url');
  const token = signJwt(signer, {
    aud: GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${app.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + TOKEN_LIFETIME_S,
    app_displayname: 'License Steward (simulated tenant)',
    appid: app.clientId,
    appidacr: '1',
    idtyp: 'app',
    oid: servicePrincipalId,
    sub: servicePrincipalId,
    ...(roles.length > 0 ? { roles } : {}),
    tid: app.tenantId,
    uti,
    ver: '1.0',
  });
  return {
    status: 200,
    headers: { 'cache-control': 'no-store, no-cache' },
    json: { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, ext_expires_in: TOKEN_LIFETIME_S, access_token: token },
  };
}

function validate(app: AppRegistration, signer: TokenSigner, req: TokenRequest): AadstsError | undefined {
  if (!app.knowsTenant(req.tenant)) return Aadsts.unknownTenant(req.tenant);
  const grant = req.form.get('grant_type');
  if (!grant) return Aadsts.missingParameter('grant_type');
  if (grant !== 'client_credentials') return Aadsts.unsupportedGrant(grant);
  const clientId = req.form.get('client_id') ?? req.basicAuth?.id;
  if (!clientId) return Aadsts.missingParameter('client_id');
  const scope = req.form.get('scope');
  if (!scope) return Aadsts.missingParameter('scope');
  if (clientId.toLowerCase() !== app.clientId) return Aadsts.unknownApp(clientId, req.tenant);
  const credential = authenticate(app, signer, req);
  if (credential) return credential;
  const resources = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  const valid = [`${GRAPH_AUDIENCE}/.default`, `${GRAPH_APP_ID}/.default`];
  if (resources.length !== 1 || !valid.includes(resources[0] ?? '')) return Aadsts.badScope(scope);
  return undefined;
}

/** The client's proof: its secret, or a client assertion (certificate, or a federated token). */
function authenticate(app: AppRegistration, signer: TokenSigner, req: TokenRequest): AadstsError | undefined {
  const assertion = req.form.get('client_assertion');
  if (assertion) {
    const type = req.form.get('client_assertion_type');
    if (!type) return Aadsts.missingParameter('client_assertion_type');
    if (type !== JWT_BEARER) return Aadsts.malformedAssertion(`client_assertion_type must be ${JWT_BEARER}.`);
    return checkClientAssertion(app, signer, assertion, {
      clientId: app.clientId,
      tokenEndpoints: req.tokenEndpoints,
      nowMs: Date.now(),
    });
  }
  const secret = req.form.get('client_secret') ?? req.basicAuth?.secret;
  if (!secret) return Aadsts.noClientCredential();
  return secret === app.clientSecret ? undefined : Aadsts.wrongSecret(app.clientId);
}
