import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { AppRegistration } from './auth/app-registration';
import { createSigner } from './auth/jwt';
import { entraIssuer, TOKEN_EXCHANGE_AUDIENCE, type ManagedIdentity } from './auth/managed-identity';
import { DEFAULT_GRANTS } from './auth/roles';
import { SimClock } from './clock';
import type { SimContext } from './context';
import { SimulatorControl } from './control/control';
import { CallLog } from './http/call-log';
import { serveDownloadOrigin } from './http/download-origin';
import { serveGraphOrigin } from './http/graph-origin';
import { serveIdentityOrigin } from './http/identity-origin';
import { simulatorOptionsSchema, type SimulatorOptions } from './options';
import { DownloadStore } from './reports/downloads';
import { DEFAULT_FAULTS } from './settings';
import { LateWrites } from './faults/late-write';
import { generateTenant } from './tenant/generate';
import { TeamsApps } from './tenant/teams-apps';
import { Throttler } from './throttle/throttler';
import { SIMULATOR_CERT_PEM, SIMULATOR_KEY_PEM } from './tls/pem';
import { derivedGuid } from './util/guid';
import { Rng, hash32 } from './util/random';

export interface RunningSimulator {
  /** Graph base URL (no version), e.g. https://127.0.0.1:5599 — use it as the graph-client baseUrl. */
  readonly url: string;
  /** Authority host for @azure/identity (same origin as Graph). */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** PEM of the simulator's self-signed certificate: trust it for the simulator only. */
  readonly ca: string;
  readonly control: SimulatorControl;
  /**
   * With `managedIdentity`: the App Service identity endpoint and its secret header (what App Service
   * puts in IDENTITY_ENDPOINT and IDENTITY_HEADER), and the identity's client id.
   */
  readonly identity?: {
    readonly endpoint: string;
    readonly header: string;
    readonly clientId: string;
    readonly principalId: string;
  };
  stop(): Promise<void>;
}

export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

function listen(server: Server | HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the tenant simulator: generates the tenant, then serves Graph, token and download origins. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o = simulatorOptionsSchema.parse(options);
  const now = o.now;
  const clock = new SimClock(now === undefined ? () => new Date() : now instanceof Date ? () => now : now);
  const tenantId = o.tenantId?.toLowerCase() ?? derivedGuid(o.seed, 0x7e1a, 1);
  const clientId = o.clientId?.toLowerCase() ?? derivedGuid(o.seed, 0xc11e, 2);
  const clientSecret =
    o.clientSecret ??
    `sim~${Buffer.from(derivedGuid(o.seed, 0x5ec2, 3))
      .toString('base64url')
      .slice(0, 32)}`;
  const tenant = generateTenant({ seed: o.seed, tenantId, domain: TENANT_DOMAIN, anchorMs: clock.now() }, o.users);
  const tls = { key: SIMULATOR_KEY_PEM, cert: SIMULATOR_CERT_PEM };
  const ctx: SimContext = {
    tenant,
    clock,
    app: new AppRegistration(
      tenantId,
      TENANT_DOMAIN,
      clientId,
      clientSecret,
      o.grants ?? DEFAULT_GRANTS,
      o.permissionMode,
    ),
    signer: createSigner(tls.key),
    servicePrincipalId: derivedGuid(o.seed, 0x5e1f, 4),
    settings: {
      premium: o.premium,
      premiumSinceMs: null,
      concealedNames: o.concealedNames,
      mailboxRecipientType: o.mailboxRecipientType,
      copilotReportJson: false,
      signInActivityPageCap: o.signInActivityPageCap,
      signInsRequireDirectoryRead: false,
    },
    faults: { ...DEFAULT_FAULTS },
    faultRng: new Rng(hash32(o.seed, 0xfa17)),
    lateWrites: new LateWrites(),
    throttler: new Throttler(o.throttle, o.timeScale, o.users, `${clientId}/${tenantId}`),
    timeScale: o.timeScale,
    downloads: new DownloadStore(),
    calls: new CallLog(),
    teamsApps: new TeamsApps(),
    logger: o.logger ?? pino({ name: 'tenant-simulator', level: 'warn' }, pino.destination(2)),
    usersPagesServed: 0,
    downloadOrigin: '',
  };
  for (const certificate of o.clientCertificates) ctx.app.addCertificate(certificate);
  ctx.app.redirectUris = [...o.redirectUris];
  const control = new SimulatorControl(ctx);
  const fail = (res: ServerResponse) => (e: unknown) => {
    ctx.logger.error({ err: e }, 'simulator request failed');
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  };
  const downloads = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    serveDownloadOrigin(ctx, req, res).catch(fail(res));
  });
  ctx.downloadOrigin = `https://127.0.0.1:${await listen(downloads, 0)}`;
  let origin = '';
  const graph = createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    serveGraphOrigin({ ctx, control, origin }, req, res).catch(fail(res));
  });
  origin = `https://127.0.0.1:${await listen(graph, o.port)}`;
  let identity: RunningSimulator['identity'];
  const servers: (Server | HttpServer)[] = [graph, downloads];
  if (o.managedIdentity) {
    const managed: ManagedIdentity = {
      clientId: derivedGuid(o.seed, 0x3a1d, 5),
      principalId: derivedGuid(o.seed, 0x3a1d, 6),
      header: randomBytes(24).toString('base64url'),
    };
    ctx.app.federatedCredentials = [
      { issuer: entraIssuer(tenantId), subject: managed.principalId, audiences: [TOKEN_EXCHANGE_AUDIENCE] },
    ];
    const server = createHttpServer((req, res) => {
      try {
        serveIdentityOrigin(ctx, managed, req, res);
      } catch (e) {
        fail(res)(e);
      }
    });
    servers.push(server);
    identity = {
      endpoint: `http://127.0.0.1:${await listen(server, 0)}/msi/token`,
      header: managed.header,
      clientId: managed.clientId,
      principalId: managed.principalId,
    };
  }
  return {
    url: origin,
    authorityHost: origin,
    tenantId,
    clientId,
    clientSecret,
    ca: tls.cert,
    control,
    ...(identity ? { identity } : {}),
    stop: async () => {
      await Promise.all(servers.map(close));
    },
  };
}
