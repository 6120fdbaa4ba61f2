import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphConfig, GraphCredential } from '../../src/config';
import { GraphClient } from '../../src/graph';
import { selfSignedCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { tempDir } from '../helpers/temp-dir';

/**
 * The product's Graph client with each credential kind, against the simulator over HTTPS: the real
 * @azure/identity credentials (MSAL signs the certificate's client assertion), the real token and
 * Graph requests. The managed identity is in managed-identity.test.ts.
 */
describe('graph: signing in with a certificate instead of a secret', () => {
  const dir = tempDir();
  const uploaded = selfSignedCertificate('License Steward');
  const stranger = selfSignedCertificate('not uploaded');
  let sim: RunningSimulator;
  const clients: GraphClient[] = [];
  const pemFile = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const client = (credential: GraphCredential) => {
    const config: GraphConfig = {
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      credential,
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
  const tokenRequests = () =>
    sim.control.calls().filter((c) => c.origin === 'login' && c.path.endsWith('/oauth2/v2.0/token'));
  const users = async (graph: GraphClient) =>
    ((await graph.get('/v1.0/users?$top=2&$select=id')) as { value: unknown[] }).value;

  before(async () => {
    sim = await startSimulator({ users: 100, seed: 5, clientCertificates: [uploaded.certificatePem] });
  });
  after(async () => {
    for (const graph of clients) await graph.close();
    await sim.stop();
    dir.cleanup();
  });

  it('reads Graph with a certificate uploaded to the app registration, no secret sent', async () => {
    const graph = client({
      kind: 'certificate',
      certificatePath: pemFile('client.pem', uploaded.privateKeyPem + uploaded.certificatePem),
    });
    assert.equal((await users(graph)).length, 2);
    assert.equal(tokenRequests().at(-1)?.status, 200);
    assert.equal(graph.auth.kind, 'certificate');
  });

  it('opens an encrypted private key with its password', async () => {
    const key = createPrivateKey(uploaded.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw-123' })
      .toString();
    const graph = client({
      kind: 'certificate',
      certificatePath: pemFile('encrypted.pem', key + uploaded.certificatePem),
      certificatePassword: 'pw-123',
    });
    assert.equal((await users(graph)).length, 2);
  });

  it('gets no token with a certificate Entra does not know (AADSTS700027), and reads nothing', async () => {
    const graph = client({
      kind: 'certificate',
      certificatePath: pemFile('stranger.pem', stranger.privateKeyPem + stranger.certificatePem),
    });
    sim.control.clearCalls();
    await assert.rejects(users(graph), /AADSTS700027/);
    assert.equal(tokenRequests().at(-1)?.status, 401);
    assert.deepEqual(
      sim.control.calls().filter((c) => c.origin === 'graph'),
      [],
      'no Graph request without a token',
    );
  });

  it('renew() drops the cached token: permissions granted meanwhile appear only then (admin consent relies on it)', async () => {
    const graph = client({
      kind: 'certificate',
      certificatePath: pemFile('renew.pem', uploaded.privateKeyPem + uploaded.certificatePem),
    });
    sim.control.setFaults({ revoke: ['Reports.Read.All'] });
    try {
      assert.equal((await graph.auth.roles()).has('Reports.Read.All'), false);
      sim.control.setFaults({ grant: ['Reports.Read.All'] });
      assert.equal(
        (await graph.auth.roles()).has('Reports.Read.All'),
        false,
        'the cached token still speaks for the old grants',
      );
      const before = tokenRequests().length;
      graph.auth.renew();
      assert.equal((await graph.auth.roles()).has('Reports.Read.All'), true);
      assert.equal(tokenRequests().length, before + 1, 'a new token, with a new client assertion');
    } finally {
      sim.control.setFaults({ grant: ['Reports.Read.All'] });
    }
  });
});
