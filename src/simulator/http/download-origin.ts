import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context';
import { reportCsv } from '../reports/stream';
import { send } from './respond';

/**
 * The second origin, standing in for reports.office.com: pre-authenticated report downloads that must
 * be fetched without Authorization (clients drop the bearer only on a cross-origin redirect).
 */
const DOWNLOAD = /^\/data\/download\/([\w-]+)$/;

/** Waits for the socket to take more data, or to go away; leaves no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function serveDownloadOrigin(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://downloads');
  const record = (status: number) =>
    ctx.calls.record({
      time: new Date().toISOString(),
      origin: 'download',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      status,
      authorization: req.headers.authorization !== undefined,
    });
  const token = DOWNLOAD.exec(url.pathname)?.[1];
  const request = token ? ctx.downloads.find(token) : undefined;
  if (req.method !== 'GET' || !request) {
    send(res, {
      status: 404,
      json: { error: { code: 'NotFound', message: 'The download link is unknown or has expired.' } },
    });
    record(404);
    return;
  }
  if (req.headers.authorization !== undefined) {
    send(res, {
      status: 401,
      json: {
        error: {
          code: 'InvalidAuthenticationToken',
          message: 'Pre-authenticated download URLs must be fetched without an Authorization header.',
        },
      },
    });
    record(401);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${request.report}.csv"`,
  });
  for (const chunk of reportCsv(ctx, request)) {
    if (!res.write(chunk)) await drainedOrClosed(res);
    if (res.destroyed) break;
  }
  res.end();
  record(200);
}
