import { randomUUID } from 'node:crypto';
import type { HttpResult } from '../http/result';

/**
 * Entra token errors in the documented shape (contract §1): `error`, `error_description` starting with
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
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status: e.status,
    headers: { 'cache-control': 'no-store, no-cache' },
    json: {
      error: e.error,
      error_description: `AADSTS${e.code}: ${e.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`
        .replace(' Trace ID:', '\r\nTrace ID:').replace(' Correlation ID:', '\r\nCorrelation ID:').replace(' Timestamp:', '\r\nTimestamp:'),
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
    code: 90002, error: 'invalid_request', status: 400,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  missingParameter: (name: string): AadstsError => ({
    code: 900144, error: 'invalid_request', status: 400,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  unsupportedGrant: (grant: string): AadstsError => ({
    code: 70003, error: 'unsupported_grant_type', status: 400,
    message: `The app requested an unsupported grant type '${grant}'.`,
  }),
  unknownApp: (clientId: string, tenant: string): AadstsError => ({
    code: 700016, error: 'unauthorized_client', status: 400,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
  }),
  wrongSecret: (clientId: string): AadstsError => ({
    code: 7000215, error: 'invalid_client', status: 401,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  badScope: (scope: string): AadstsError => ({
    code: 70011, error: 'invalid_scope', status: 400,
    message: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
};
