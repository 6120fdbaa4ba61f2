import assert from 'node:assert/strict';
import { request } from 'undici';
import { startTestSimulator, type TestSimulator } from './helpers';

/** The App Service identity endpoint, called the way @azure/identity's ManagedIdentityCredential calls it. */
describe('simulator: managed identity endpoint (App Service shape)', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ managedIdentity: true });
  });
  after(async () => t.close());

  const call = async (query: Record<string, string>, header: string | undefined) => {
    const identity = t.sim.identity!;
    const res = await request(`${identity.endpoint}?${new URLSearchParams(query)}`, {
      headers: header === undefined ? {} : { 'x-identity-header': header },
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, string> };
  };
  const good = () => ({
    'api-version': '2019-08-01',
    resource: 'api://AzureADTokenExchange',
    client_id: t.sim.identity!.clientId,
  });

  it('is served on plain HTTP on the loopback address, as App Service serves IDENTITY_ENDPOINT', () => {
    assert.match(t.sim.identity!.endpoint, /^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
  });

  it("issues the identity a token for api://AzureADTokenExchange: its tenant's v2.0 issuer, its object id as subject", async () => {
    const res = await call(good(), t.sim.identity!.header);
    assert.equal(res.status, 200);
    assert.equal(res.body['resource'], 'api://AzureADTokenExchange');
    assert.equal(res.body['client_id'], t.sim.identity!.clientId);
    assert.ok(Number(res.body['expires_on']) > Date.now() / 1000 + 3600);
    const claims = JSON.parse(Buffer.from(res.body['access_token']!.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      string
    >;
    assert.equal(claims['iss'], `https://login.microsoftonline.com/${t.sim.tenantId}/v2.0`);
    assert.equal(claims['sub'], t.sim.identity!.principalId);
    assert.equal(claims['aud'], 'api://AzureADTokenExchange');
  });

  const refused: [string, () => Record<string, string>, () => string | undefined, number][] = [
    ['without the X-IDENTITY-HEADER secret', good, () => undefined, 401],
    ['with a wrong X-IDENTITY-HEADER', good, () => 'guess', 401],
    [
      'for another identity',
      () => ({ ...good(), client_id: '11111111-2222-4333-8444-555555555555' }),
      () => t.sim.identity!.header,
      400,
    ],
    [
      'for another resource',
      () => ({ ...good(), resource: 'https://graph.microsoft.com' }),
      () => t.sim.identity!.header,
      400,
    ],
  ];
  for (const [what, query, header, status] of refused) {
    it(`refuses a request ${what}`, async () => {
      const res = await call(query(), header());
      assert.equal(res.status, status);
      assert.equal(res.body['access_token'], undefined);
    });
  }

  it('trusts the identity with a federated credential on the app registration, removable at run time', () => {
    const [credential] = t.sim.control.federatedCredentials();
    assert.deepEqual(credential, {
      issuer: `https://login.microsoftonline.com/${t.sim.tenantId}/v2.0`,
      subject: t.sim.identity!.principalId,
      audiences: ['api://AzureADTokenExchange'],
    });
    t.sim.control.setFederatedCredentials([]);
    assert.deepEqual(t.sim.control.federatedCredentials(), []);
  });
});
