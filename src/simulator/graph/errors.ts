import { innerErrorDate } from '../util/dates';

/**
 * A Graph error to answer with the documented envelope (docs/graph-behaviour.md §0). Handlers throw it; the pipeline
 * turns it into `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly inner: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function errorEnvelope(error: GraphError, requestId: string, clientRequestId: string, nowMs: number): unknown {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        ...error.inner,
        date: innerErrorDate(nowMs),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}

export const Errors = {
  /** docs/graph-behaviour.md §0.1: a missing app role. */
  denied: () =>
    new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  /** docs/graph-behaviour.md §0.1: signInActivity, signIns and registration details without the audit permission. */
  permissionMissing: (permission: string) =>
    new GraphError(
      403,
      'Authentication_MSGraphPermissionMissing',
      `Calling principal does not have required MSGraph permissions ${permission}`,
    ),
  /** docs/graph-behaviour.md §0.1: tenant without Entra ID P1/P2. */
  nonPremium: () =>
    new GraphError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    ),
  notFound: (what: string) =>
    new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  badRequest: (message: string) => new GraphError(400, 'Request_BadRequest', message),
  unsupportedQuery: (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message),
  unknownSegment: (segment: string) =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  invalidToken: (message: string) =>
    new GraphError(401, 'InvalidAuthenticationToken', message, {
      'www-authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    }),
  expiredPageToken: () =>
    new GraphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    ),
};
