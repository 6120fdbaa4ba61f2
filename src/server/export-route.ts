import type * as restify from 'restify';
import type { Logger } from '../logging/logger';
import { EXPORT_PATH, type ExportLinks, type ExportRequest } from '../bot/export-links';

export interface ExportRouteOptions {
  links: ExportLinks;
  /** The CSV lines of an export, header first. */
  csv(request: ExportRequest): AsyncIterable<string>;
  log: Logger;
}

const REFUSALS = {
  expired: 'This export link has expired. Click "Export CSV" on a fresh card in Teams to get a new one.\n',
  retired:
    'This export link was signed with a key that has since been retired. Click "Export CSV" on a fresh card in Teams to get a new one.\n',
  invalid: 'This is not a valid License Steward export link. Use "Export CSV" on a card in Teams.\n',
} as const;

/**
 * `GET /api/export/findings.csv?list=…&exp=…&kid=…&sig=…`: the "Export CSV" link of a list card.
 * Only a link signed with a key of the database that is not retired, and not yet expired, is
 * served; anything else gets a short text saying what to do (the browser shows it), never data.
 */
export function registerExportRoute(server: restify.Server, options: ExportRouteOptions): void {
  server.get(EXPORT_PATH, async (req: restify.Request, res: restify.Response) => {
    // Parsed here rather than by a server-wide query parser: only this route reads a query string.
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams);
    const verified = await options.links.verify(query);
    if (!verified.ok) {
      options.log.warn({ reason: verified.reason }, 'export link refused');
      res.statusCode = verified.reason === 'expired' ? 410 : 403;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(REFUSALS[verified.reason]);
      return;
    }
    const { request, requestedBy } = verified;
    options.log.info({ list: request.list, days: request.days, requestedBy }, 'export served');
    const lines = options.csv(request)[Symbol.asyncIterator]();
    let next: IteratorResult<string>;
    try {
      // The first line is read before any header is sent, so a failure can still be a clean 500.
      next = await lines.next();
    } catch (error) {
      options.log.error({ err: error }, 'export failed');
      res.statusCode = 500;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('The export failed on the server; it is logged. Try again in a minute.\n');
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="license-steward-${request.list}${request.days ? `-${request.days}d` : ''}${request.sku ? `-${request.sku}` : ''}.csv"`,
    );
    res.setHeader('cache-control', 'no-store');
    try {
      while (!next.done) {
        // Respect back-pressure: a 100,000-row export must not pile up in memory.
        if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve));
        next = await lines.next();
      }
      res.end();
    } catch (error) {
      options.log.error({ err: error }, 'export failed midway');
      // Headers are gone already; cutting the stream short tells the browser the download failed.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
