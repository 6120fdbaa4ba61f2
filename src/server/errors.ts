import { STATUS_CODES } from 'node:http';
import type * as restify from 'restify';
import type { Logger } from '../logging/logger';

/**
 * Answers with a small fixed JSON error, `{"error":"payload too large"}`: a phrase of ours, never
 * an exception's message (which can name internal URLs, keys or library internals).
 * `unreadBody`: the request body was not read to its end; the connection is closed after the
 * answer so that the rest of it is never received (Node would otherwise read and discard it all).
 */
export function refuse(res: restify.Response, status: number, error: string = phrase(status), options: { unreadBody?: boolean } = {}): void {
  if (options.unreadBody) res.setHeader('connection', 'close');
  res.send(status, { error });
}

/** The standard phrase of a status, lower case: "not found", "method not allowed". */
export function phrase(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase();
}

/**
 * Replaces restify's own error bodies (`{"code":"ResourceNotFound","message":"/x does not exist"}`,
 * or an exception's text for a handler that threw) with the fixed shape above. A handler that
 * threw is logged, since its answer no longer says why.
 */
export function useFixedErrorBodies(server: restify.Server, log: Logger): void {
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: unknown, done: () => void) => {
    const code = err instanceof Error && 'statusCode' in err ? Number(err.statusCode) : NaN;
    const status = code >= 400 && code < 600 ? code : 500;
    if (status >= 500) log.error({ err, method: req.method, path: req.path() }, 'request failed');
    if (!res.headersSent) refuse(res, status);
    done();
  });
}
