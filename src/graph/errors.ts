/**
 * A Graph (or token) call that failed. Carries what an admin needs: the HTTP status, Graph's error
 * code (branch on it, never on the message), the request id for Microsoft support, and the
 * application permission to grant when that is the cause.
 */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId?: string,
    readonly permission?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }

  /** Permission missing, or the tenant lacks the licence (Entra ID P1) the API needs. */
  get isForbidden(): boolean {
    return this.status === 403;
  }

  /**
   * The object does not exist (deleted, or never did): a 404, or one of Graph's not-found codes.
   * Nothing else means "gone": a 403, a 5xx or a dropped connection says nothing about the object.
   */
  get isNotFound(): boolean {
    return this.status === 404 || NOT_FOUND_CODES.has(this.code);
  }

  /**
   * A deltaLink Graph no longer honours: expired (kept 7 days for directory objects), or a reset
   * Graph asks for (410 Gone). The caller starts again with a full read (docs/graph-endpoints.md,
   * "Incremental sync").
   */
  get isSyncReset(): boolean {
    return this.status === 410 || SYNC_RESET_CODES.has(this.code.toLowerCase());
  }

  /** The tenant has no Entra ID P1/P2: sign-in data is unavailable whatever is granted. */
  get isNonPremiumTenant(): boolean {
    return this.code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
  }
}

/** Graph's error envelope (docs/graph-endpoints.md, "Errors"). `innerError` may nest further. */
export interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown } };
}

/** Directory objects answer `Request_ResourceNotFound` (docs/graph-endpoints.md); other workloads the other two. */
const NOT_FOUND_CODES = new Set(['Request_ResourceNotFound', 'ResourceNotFound', 'itemNotFound']);

/** Graph's codes for a delta token it cannot continue from (compared in lower case: both spellings are seen). */
const SYNC_RESET_CODES = new Set(['syncstatenotfound', 'resyncrequired']);

const PERMISSION_CODES = new Set([
  'Authorization_RequestDenied',
  'Authentication_MSGraphPermissionMissing',
  'Authentication_ApplicationHasNoReadAuditLogDataAccess',
]);

/**
 * Builds a GraphError from a response. `permission` is the least-privileged permission of the
 * endpoint, named in the message when the 403 is about permissions.
 */
export function graphErrorFrom(
  status: number,
  body: unknown,
  requestId: string | undefined,
  permission?: string,
): GraphError {
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as GraphErrorBody;
  const code = typeof envelope.error?.code === 'string' ? envelope.error.code : `HTTP${status}`;
  const graphMessage = typeof envelope.error?.message === 'string' ? envelope.error.message : `HTTP ${status}`;
  const innerId = envelope.error?.innerError?.['request-id'];
  const id = typeof innerId === 'string' ? innerId : requestId;
  if (status === 403 && PERMISSION_CODES.has(code) && permission) {
    return new GraphError(
      `${graphMessage} Grant the application permission ${permission} (with admin consent) to the app registration.`,
      status,
      code,
      id,
      permission,
    );
  }
  if (code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
    return new GraphError(
      `${graphMessage} This data needs a Microsoft Entra ID P1 or P2 licence in the tenant.`,
      status,
      code,
      id,
      permission,
    );
  }
  return new GraphError(graphMessage, status, code, id);
}

/**
 * A 2xx answer whose body is not the shape the endpoint has (a proxy's page, a changed API): a
 * GraphError naming the endpoint as docs/graph-endpoints.md lists it, never a schema library's error
 * deep in a task. Status 0: no HTTP status describes it.
 */
export function unexpectedAnswer(endpoint: string, detail: string): GraphError {
  return new GraphError(`Graph answered ${endpoint} with an unexpected shape: ${detail}`, 0, UNEXPECTED_RESPONSE);
}

export const UNEXPECTED_RESPONSE = 'UnexpectedResponse';
