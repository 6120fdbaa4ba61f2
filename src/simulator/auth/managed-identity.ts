import { randomBytes, randomUUID } from 'node:crypto';
import type { HttpResult } from '../http/result';
import { signJwt, type TokenSigner } from './jwt';

/** The audience a managed identity asks for when its token is to be a federated credential. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** Managed identity tokens live a day (App Service answers `expires_on` about 24 h ahead). */
const LIFETIME_S = 24 * 3600;

/** The user-assigned managed identity the simulated App Service hosts. */
export interface ManagedIdentity {
  readonly clientId: string;
  /** Its service principal's object id: the `sub` of its tokens and the federated credential's subject. */
  readonly principalId: string;
  /** The secret App Service puts in IDENTITY_HEADER: only the app's own process knows it. */
  readonly header: string;
}

/** The issuer of Entra v2 tokens in a tenant, which a federated credential for a managed identity names. */
export function entraIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/**
 * `GET /msi/token?api-version=2019-08-01&resource=…&client_id=…` with `X-IDENTITY-HEADER`: the App
 * Service identity endpoint (IDENTITY_ENDPOINT), as @azure/identity's ManagedIdentityCredential
 * calls it. Only this identity, only with the header, only the token-exchange audience.
 */
export function managedIdentityToken(
  identity: ManagedIdentity,
  signer: TokenSigner,
  tenantId: string,
  query: URLSearchParams,
  header: string | undefined,
): HttpResult {
  const fail = (status: number, error: string, description: string): HttpResult => ({
    status,
    json: { error, error_description: description, correlationId: randomUUID() },
  });
  if (header !== identity.header)
    return fail(
      401,
      'unauthorized',
      "The X-IDENTITY-HEADER header is missing or not this App Service's IDENTITY_HEADER.",
    );
  if (query.get('api-version') !== '2019-08-01') return fail(400, 'invalid_request', 'api-version must be 2019-08-01.');
  const clientId = query.get('client_id');
  if (clientId && clientId.toLowerCase() !== identity.clientId)
    return fail(400, 'invalid_request', 'Unable to load the proper Managed Identity.');
  const resource = query.get('resource');
  if (resource !== TOKEN_EXCHANGE_AUDIENCE) {
    return fail(
      400,
      'invalid_resource',
      `The simulated identity endpoint issues tokens for ${TOKEN_EXCHANGE_AUDIENCE} only (got '${resource ?? ''}').`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const token = signJwt(signer, {
    aud: TOKEN_EXCHANGE_AUDIENCE,
    iss: entraIssuer(tenantId),
    sub: identity.principalId,
    oid: identity.principalId,
    azp: identity.clientId,
    appid: identity.clientId,
    tid: tenantId,
    iat: now,
    nbf: now,
    exp: now + LIFETIME_S,
    idtyp: 'app',
    uti: randomBytes(12).toString('base64url'),
    ver: '2.0',
  });
  return {
    status: 200,
    json: {
      access_token: token,
      expires_on: String(now + LIFETIME_S),
      resource: TOKEN_EXCHANGE_AUDIENCE,
      token_type: 'Bearer',
      client_id: identity.clientId,
    },
  };
}
