import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { isReachable } from '../store';
import { setTurnLogger } from '../bot/turn-logger';
import { setPublicBaseUrl } from '../bot/turn-info';
import { registerExportRoute, type ExportRouteOptions } from './export-route';

export interface HttpServerOptions {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  dataSource: DataSource;
  log: Logger;
  /** Serves the signed "Export CSV" links of list cards. Absent: no export route. */
  exports?: Omit<ExportRouteOptions, 'log'>;
}

export interface HttpServer {
  server: restify.Server;
  /** Resolves with the bound port (useful with PORT=0). */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * restify with the bot endpoint and health probes:
 * - `POST /api/messages`: Bot Framework activities through the adapter;
 * - `GET /healthz`: the process is up;
 * - `GET /readyz`: the database answers;
 * - `GET /api/export/findings.csv`: a list card's signed, expiring CSV export.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { adapter, app, dataSource, log } = options;
  const server = restify.createServer({ name: 'license-steward', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const ok = await isReachable(dataSource);
    res.json(ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable' });
  });

  server.post('/api/messages', async (req, res) => {
    const body = req.body as { id?: unknown; type?: unknown } | undefined;
    const requestId = typeof body?.id === 'string' && body.id ? body.id : randomUUID();
    const turnLog = log.child({ requestId, activityType: typeof body?.type === 'string' ? body.type : undefined });
    turnLog.debug('activity received');
    await adapter.process(req, res, async (context: TurnContext) => {
      setTurnLogger(context, turnLog);
      setPublicBaseUrl(context, publicBaseUrlOf(req));
      await app.run(context);
    });
    turnLog.debug({ status: res.statusCode }, 'activity handled');
  });

  if (options.exports) registerExportRoute(server, { ...options.exports, log });

  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Where people reach this server: a reverse proxy (App Service, a dev tunnel) names the original
 * scheme and host in X-Forwarded-*; otherwise the request's own Host header.
 */
export function publicBaseUrlOf(req: restify.Request): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const proto = first(req.headers['x-forwarded-proto']) ?? (req.isSecure() ? 'https' : 'http');
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}
