import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type * as restify from 'restify';
import type { Logger } from '../logging/logger';

/**
 * Answers with a small fixed JSON error, `{"error":"payload too large"}`: a phrase of ours, never
 * an exception's message (which can name internal URLs, keys or library internals).
 * `unreadBody`: the request whose body was not read to its end; its connection is cut a moment
 * after the answer (`cutAfterAnswer`), so the rest of a large upload is never received.
 */
export function refuse(
  res: restify.Response,
  status: number,
  error: string = phrase(status),
  options: { unreadBody?: IncomingMessage } = {},
): void {
  if (options.unreadBody) cutAfterAnswer(options.unreadBody, res);
  res.send(status, { error });
}

/** How long a client still uploading a refused body has to read the answer before its connection is cut. */
export const LINGER_MS = 2_000;

/**
 * Cuts the connection of a request whose body is refused unread, LINGER_MS after the answer left,
 * unless the body ends first (then the connection stays open for the next request). Not at once
 * (`connection: close`): closing a socket with unread data in it resets the connection, and a
 * client still uploading loses the answer it had not read yet (EPIPE or ECONNRESET instead of 413).
 * Lingering before the close is what nginx and Apache do for the same reason.
 */
function cutAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.socket.once('close', () => clearTimeout(timer));
  });
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
