import assert from 'node:assert/strict';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { credentialFor, GRAPH_SCOPE, raw, startTestSimulator, type TestSimulator } from './helpers';

interface TokenError {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

describe('simulator: Entra token endpoint', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(async () => t.close());

  const tokenPath = () => `/${t.sim.tenantId}/oauth2/v2.0/token`;
  const form = (over: Record<string, string> = {}) => ({
    grant_type: 'client_credentials',
    client_id: t.sim.clientId,
    client_secret: t.sim.clientSecret,
    scope: GRAPH_SCOPE,
    ...over,
  });

  it('issues a JWT with Graph audience, tenant, app id and granted roles through ClientSecretCredential', async () => {
    const token = await t.token();
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    assert.equal(header?.['alg'], 'RS256');
    assert.equal(payload?.['aud'], 'https://graph.microsoft.com');
    assert.equal(payload?.['tid'], t.sim.tenantId);
    assert.equal(payload?.['appid'], t.sim.clientId);
    assert.deepEqual(payload?.['roles'], [
      'AuditLog.Read.All',
      'Directory.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'Reports.Read.All',
      'UserAuthenticationMethod.Read.All',
    ]);
    assert.equal(Number(payload?.['exp']) - Number(payload?.['iat']), 3599);
    assert.equal(payload?.['nbf'], payload?.['iat']);
  });

  it('answers the client-credentials grant with token_type Bearer and expires_in 3599', async () => {
    const res = await raw(t, 'POST', tokenPath(), { token: null, form: form() });
    assert.equal(res.status, 200);
    const body = res.json<{ token_type: string; expires_in: number; access_token: string }>();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3599);
    assert.equal(body.access_token.split('.').length, 3);
  });

  it('serves OpenID configuration and signing keys that point back at the simulator', async () => {
    const res = await raw(t, 'GET', `/${t.sim.tenantId}/v2.0/.well-known/openid-configuration`, { token: null });
    const config = res.json<Record<string, string>>();
    for (const key of ['token_endpoint', 'issuer', 'authorization_endpoint', 'end_session_endpoint', 'jwks_uri']) {
      assert.ok(config[key]?.startsWith(`${t.sim.url}/${t.sim.tenantId}/`), `${key} is ${config[key]}`);
    }
    const keys = (await raw(t, 'GET', new URL(config['jwks_uri'] ?? '').pathname, { token: null })).json<{
      keys: (JsonWebKey & { kid: string })[];
    }>();
    const token = await t.token();
    const [h = '', p = '', s = ''] = token.split('.');
    const key = createPublicKey({ key: keys.keys[0] as JsonWebKey, format: 'jwk' });
    assert.ok(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')));
  });

  it('accepts the tenant domain name instead of the tenant id', async () => {
    const res = await raw(t, 'POST', '/contoso.onmicrosoft.com/oauth2/v2.0/token', { token: null, form: form() });
    assert.equal(res.status, 200);
  });

  const cases: readonly [string, () => { path?: string; form: Record<string, string> }, number, number, string][] = [
    ['a wrong secret', () => ({ form: form({ client_secret: 'not-the-secret' }) }), 401, 7000215, 'invalid_client'],
    [
      'an unknown app',
      () => ({ form: form({ client_id: '11111111-2222-4333-8444-555555555555' }) }),
      400,
      700016,
      'unauthorized_client',
    ],
    [
      'an unknown tenant',
      () => ({ path: '/22222222-3333-4444-8555-666666666666/oauth2/v2.0/token', form: form() }),
      400,
      90002,
      'invalid_request',
    ],
    [
      'a scope without /.default',
      () => ({ form: form({ scope: 'https://graph.microsoft.com/User.Read' }) }),
      400,
      70011,
      'invalid_scope',
    ],
    [
      'a missing grant_type',
      () => ({ form: { client_id: t.sim.clientId, client_secret: t.sim.clientSecret, scope: GRAPH_SCOPE } }),
      400,
      900144,
      'invalid_request',
    ],
  ];
  for (const [what, make, status, code, error] of cases) {
    it(`refuses ${what} with AADSTS${code} in the documented shape`, async () => {
      const { path, form: body } = make();
      const res = await raw(t, 'POST', path ?? tokenPath(), { token: null, form: body });
      assert.equal(res.status, status);
      const e = res.json<TokenError>();
      assert.equal(e.error, error);
      assert.deepEqual(e.error_codes, [code]);
      assert.match(
        e.error_description,
        new RegExp(`^AADSTS${code}: .*\\r\\nTrace ID: .*\\r\\nCorrelation ID: .*\\r\\nTimestamp: `, 's'),
      );
      assert.match(e.timestamp, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
      assert.equal(e.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
      assert.ok(e.trace_id && e.correlation_id);
    });
  }

  it('makes ClientSecretCredential fail with AADSTS7000215 for a wrong secret', async () => {
    await assert.rejects(credentialFor(t.sim, 'wrong-secret').getToken(GRAPH_SCOPE), /AADSTS7000215/);
  });

  it('makes ClientSecretCredential fail for an unknown tenant already at discovery', async () => {
    const unknown = credentialFor(t.sim, t.sim.clientSecret, '33333333-4444-4555-8666-777777777777');
    await assert.rejects(unknown.getToken(GRAPH_SCOPE));
    const discovery = await raw(
      t,
      'GET',
      '/33333333-4444-4555-8666-777777777777/v2.0/.well-known/openid-configuration',
      { token: null },
    );
    assert.equal(discovery.status, 400);
    assert.deepEqual(discovery.json<TokenError>().error_codes, [90002]);
  });

  it('records token calls in the call log without Graph authorization', async () => {
    await raw(t, 'POST', tokenPath(), { token: null, form: form() });
    const last = t.sim.control.calls().at(-1);
    assert.equal(last?.origin, 'login');
    assert.equal(last?.path, tokenPath());
    assert.equal(last?.status, 200);
  });
});
