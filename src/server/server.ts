import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { StewardAdapter } from '../bot/adapter';
import type { ConsentFlow } from '../consent/flow';
import type { Logger } from '../logging/logger';
import { registerConsentRoute } from './consent-route';
import { useFixedErrorBodies } from './errors';
import { registerExportRoute, type ExportRouteOptions } from './export-route';
import { registerMessagesRoute } from './messages-route';

export interface HttpServerOptions {
  adapter: StewardAdapter;
  app: Application<TurnState>;
  /** Whether the app can serve: its database answers (`/readyz`). */
  ready(): Promise<boolean>;
  log: Logger;
  /** Serves the signed "Export CSV" links of list cards. Absent: no export route. */
  exports?: Omit<ExportRouteOptions, 'log'>;
  /** Takes Microsoft's admin-consent redirect. Absent: no consent route. */
  consent?: ConsentFlow;
}

export interface HttpServer {
  server: restify.Server;
  /** Resolves with the bound port (useful with PORT=0). */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * restify with the bot endpoint and health probes:
 * - `POST /api/messages`: Bot Framework activities through the adapter (messages-route.ts);
 * - `GET /healthz`: the process is up;
 * - `GET /readyz`: the database answers;
 * - `GET /api/export/findings.csv`: a list card's signed, expiring CSV export;
 * - `GET /auth/consent`: Microsoft's admin-consent redirect (consent-route.ts).
 * No server-wide body parser: the one route that takes a body reads it itself, within a limit
 * (json-body.ts), and only once the request is authenticated as far as it can be without it.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { adapter, app, ready, log } = options;
  const server = restify.createServer({ name: 'license-steward', handleUncaughtExceptions: false });
  useFixedErrorBodies(server, log);

  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const ok = await ready();
    res.json(ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable' });
  });

  registerMessagesRoute(server, { adapter, app, log });
  if (options.exports) registerExportRoute(server, { ...options.exports, log });
  if (options.consent) registerConsentRoute(server, options.consent);

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
