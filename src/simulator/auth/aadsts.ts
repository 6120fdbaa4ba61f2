import { randomUUID } from 'node:crypto';
import type { HttpResult } from '../http/result';

/**
 * Entra token errors in the documented shape (docs/graph-behaviour.md §1): `error`, `error_description` starting with
 * `AADSTSnnnn:` and carrying trace/correlation/timestamp lines, `error_codes`, `timestamp`,
 * `trace_id`, `correlation_id`, `error_uri`.
 */
export interface AadstsError {
  readonly code: number;
  readonly error: string;
  readonly status: number;
  readonly message: string;
}

export function aadstsResult(e: AadstsError, correlationId: string = randomUUID()): HttpResult {
  const traceId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status: e.status,
    headers: { 'cache-control': 'no-store, no-cache' },
    json: {
      error: e.error,
      error_description:
        `AADSTS${e.code}: ${e.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`
          .replace(' Trace ID:', '\r\nTrace ID:')
          .replace(' Correlation ID:', '\r\nCorrelation ID:')
          .replace(' Timestamp:', '\r\nTimestamp:'),
      error_codes: [e.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
    },
  };
}

export const Aadsts = {
  unknownTenant: (tenant: string): AadstsError => ({
    code: 90002,
    error: 'invalid_request',
    status: 400,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  missingParameter: (name: string): AadstsError => ({
    code: 900144,
    error: 'invalid_request',
    status: 400,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  unsupportedGrant: (grant: string): AadstsError => ({
    code: 70003,
    error: 'unsupported_grant_type',
    status: 400,
    message: `The app requested an unsupported grant type '${grant}'.`,
  }),
  unknownApp: (clientId: string, tenant: string): AadstsError => ({
    code: 700016,
    error: 'unauthorized_client',
    status: 400,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
  }),
  wrongSecret: (clientId: string): AadstsError => ({
    code: 7000215,
    error: 'invalid_client',
    status: 401,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  noClientCredential: (): AadstsError => ({
    code: 7000218,
    error: 'invalid_client',
    status: 401,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  malformedAssertion: (detail: string): AadstsError => ({
    code: 50027,
    error: 'invalid_request',
    status: 400,
    message: `JWT token is invalid or malformed: ${detail}`,
  }),
  /** Entra answers 700027 both for a bad signature and for a certificate it does not know. */
  assertionSignature: (): AadstsError => ({
    code: 700027,
    error: 'invalid_client',
    status: 401,
    message: 'Client assertion failed signature validation.',
  }),
  unknownCertificate: (clientId: string, thumbprint: string): AadstsError => ({
    code: 700027,
    error: 'invalid_client',
    status: 401,
    message: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
  }),
  assertionTime: (nowS: number, nbf: number | undefined, exp: number): AadstsError => ({
    code: 700024,
    error: 'invalid_client',
    status: 400,
    message: `Client assertion is not within its valid time range. Current time: ${new Date(nowS * 1000).toISOString()}, assertion valid from ${nbf === undefined ? 'unspecified' : new Date(nbf * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}.`,
  }),
  assertionAudience: (aud: string): AadstsError => ({
    code: 50027,
    error: 'invalid_client',
    status: 401,
    message: `Invalid JWT token. The audience '${aud}' of the client assertion is not the token endpoint of this tenant.`,
  }),
  assertionIssuer: (): AadstsError => ({
    code: 700021,
    error: 'invalid_client',
    status: 401,
    message:
      "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials.",
  }),
  /**
   * Entra documents no code of its own for a replayed `jti`; 50013 is its generic "assertion is
   * invalid" (InvalidAssertion), so that is what the simulator answers.
   */
  assertionReplayed: (): AadstsError => ({
    code: 50013,
    error: 'invalid_client',
    status: 401,
    message:
      'Assertion is invalid: this client assertion was already used (its jti was presented before). Sign a new one for every token request.',
  }),
  noFederatedCredential: (subject: string): AadstsError => ({
    code: 700213,
    error: 'invalid_client',
    status: 401,
    message: `No matching federated identity record found for presented assertion subject '${subject}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
  }),
  badScope: (scope: string): AadstsError => ({
    code: 70011,
    error: 'invalid_scope',
    status: 400,
    message: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
};
