import assert from 'node:assert/strict';
import type { GraphConfig } from '../../src/config';
import { GraphClient } from '../../src/graph';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

/**
 * Workload identity federation end to end: @azure/identity's ManagedIdentityCredential asks the
 * (simulated) App Service identity endpoint for a token for api://AzureADTokenExchange, and
 * ClientAssertionCredential presents it as the app registration's client assertion.
 *
 * MSAL picks the managed identity endpoint once per process, from IDENTITY_ENDPOINT and
 * IDENTITY_HEADER (App Service sets them; here the test does), and keeps it: so this one file, with
 * one simulator, holds every managed-identity test of the suite.
 */
describe('graph: signing in with a managed identity (no secret anywhere)', () => {
  let sim: RunningSimulator;
  const saved = { endpoint: process.env['IDENTITY_ENDPOINT'], header: process.env['IDENTITY_HEADER'] };
  const clients: GraphClient[] = [];
  const client = () => {
    const config: GraphConfig = {
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      credential: { kind: 'managedIdentity', managedIdentityClientId: sim.identity!.clientId },
      baseUrl: sim.url,
      authorityHost: sim.authorityHost,
      ca: sim.ca,
    };
    const graph = new GraphClient({
      config,
      retry: { maxAttempts: 1, budgetMs: 1_000, baseDelayMs: 1, maxDelayMs: 1 },
    });
    clients.push(graph);
    return graph;
  };
  const users = async (graph: GraphClient) =>
    ((await graph.get('/v1.0/users?$top=2&$select=id')) as { value: unknown[] }).value;

  before(async () => {
    sim = await startSimulator({ users: 100, seed: 6, managedIdentity: true });
    process.env['IDENTITY_ENDPOINT'] = sim.identity!.endpoint;
    process.env['IDENTITY_HEADER'] = sim.identity!.header;
  });
  after(async () => {
    for (const graph of clients) await graph.close();
    await sim.stop();
    for (const [name, value] of [
      ['IDENTITY_ENDPOINT', saved.endpoint],
      ['IDENTITY_HEADER', saved.header],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reads Graph: the identity endpoint gives the assertion, the token endpoint accepts it through the federated credential', async () => {
    sim.control.clearCalls();
    const graph = client();
    assert.equal((await users(graph)).length, 2);
    const calls = sim.control.calls();
    assert.ok(
      calls.some((c) => c.origin === 'identity' && c.path === '/msi/token' && c.status === 200),
      'asked the identity endpoint',
    );
    assert.ok(
      calls.some((c) => c.origin === 'login' && c.path.endsWith('/oauth2/v2.0/token') && c.status === 200),
      'then the token endpoint',
    );
    assert.equal(graph.auth.kind, 'managedIdentity');
  });

  it('gets no token once the app registration no longer trusts the identity (AADSTS700213)', async () => {
    const trusted = sim.control.federatedCredentials();
    sim.control.setFederatedCredentials([]);
    try {
      await assert.rejects(users(client()), /AADSTS700213/);
    } finally {
      sim.control.setFederatedCredentials(trusted);
    }
  });

  it('gets no token when the federated credential names another subject', async () => {
    const trusted = sim.control.federatedCredentials();
    sim.control.setFederatedCredentials(
      trusted.map((f) => ({ ...f, subject: '11111111-2222-4333-8444-555555555555' })),
    );
    try {
      await assert.rejects(users(client()), /AADSTS700213/);
    } finally {
      sim.control.setFederatedCredentials(trusted);
    }
    assert.equal((await users(client())).length, 2, 'trusted again');
  });
});
