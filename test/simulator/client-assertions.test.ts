import assert from 'node:assert/strict';
import { constants, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { selfSignedCertificate, type SelfSignedCertificate } from '../../src/simulator';
import { GRAPH_SCOPE, raw, startTestSimulator, type TestSimulator } from './helpers';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface AssertionParts {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Signs with this certificate's key (default: the registered one). */
  signer?: SelfSignedCertificate;
  alg?: 'RS256' | 'PS256' | 'none';
}

describe('simulator: client assertions at the token endpoint (certificates, as Entra checks them)', () => {
  let t: TestSimulator;
  const registered = selfSignedCertificate('License Steward test');
  const stranger = selfSignedCertificate('not uploaded');
  before(async () => {
    t = await startTestSimulator({ clientCertificates: [registered.certificatePem] });
  });
  after(async () => t.close());

  const tokenPath = () => `/${t.sim.tenantId}/oauth2/v2.0/token`;
  const audience = () => `${t.sim.authorityHost}${tokenPath()}`;

  /** A client assertion as MSAL makes it (PS256, x5t#S256), with parts overridden. */
  function assertion(parts: AssertionParts = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const alg = parts.alg ?? 'PS256';
    const header = { alg, typ: 'JWT', 'x5t#S256': registered.x5tS256, ...parts.header };
    const claims = {
      aud: audience(),
      iss: t.sim.clientId,
      sub: t.sim.clientId,
      jti: randomUUID(),
      nbf: now,
      iat: now,
      exp: now + 600,
      ...parts.claims,
    };
    const data = Buffer.from(`${b64(header)}.${b64(claims)}`);
    const key = createPrivateKey((parts.signer ?? registered).privateKeyPem);
    const signature =
      alg === 'none'
        ? Buffer.alloc(0)
        : alg === 'RS256'
          ? sign('RSA-SHA256', data, key)
          : sign('sha256', data, {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
            });
    return `${data.toString()}.${signature.toString('base64url')}`;
  }

  const present = (jwt: string, over: Record<string, string> = {}) =>
    raw(t, 'POST', tokenPath(), {
      token: null,
      form: {
        grant_type: 'client_credentials',
        client_id: t.sim.clientId,
        scope: GRAPH_SCOPE,
        client_assertion_type: JWT_BEARER,
        client_assertion: jwt,
        ...over,
      },
    });

  const codeOf = (res: { json<T>(): T }) => res.json<{ error_codes: number[] }>().error_codes[0];

  it('issues a token for an assertion signed PS256 with the uploaded certificate (x5t#S256), as MSAL signs it', async () => {
    const res = await present(assertion());
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json<{ access_token: string }>().access_token);
  });

  it('also accepts the older form: RS256 with the SHA-1 thumbprint in x5t', async () => {
    const res = await present(assertion({ alg: 'RS256', header: { 'x5t#S256': undefined, x5t: registered.x5t } }));
    assert.equal(res.status, 200, res.text);
  });

  it('accepts the tenant domain in the audience, as the token endpoint is also reached by it', async () => {
    const res = await present(
      assertion({ claims: { aud: `${t.sim.authorityHost}/contoso.onmicrosoft.com/oauth2/v2.0/token` } }),
    );
    assert.equal(res.status, 200, res.text);
  });

  const refused: [string, () => string, number, number][] = [
    [
      'signed with a key whose certificate was never uploaded',
      () => assertion({ signer: stranger, header: { 'x5t#S256': stranger.x5tS256 } }),
      401,
      700027,
    ],
    ['naming the uploaded certificate but signed with another key', () => assertion({ signer: stranger }), 401, 700027],
    ['unsigned (alg none)', () => assertion({ alg: 'none' }), 401, 700027],
    [
      'expired',
      () =>
        assertion({ claims: { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 4200 } }),
      400,
      700024,
    ],
    [
      'not valid yet',
      () =>
        assertion({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 4200 } }),
      400,
      700024,
    ],
    [
      'for another audience',
      () => assertion({ claims: { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' } }),
      401,
      50027,
    ],
    [
      'issued by another client',
      () => assertion({ claims: { iss: '11111111-2222-4333-8444-555555555555' } }),
      401,
      700021,
    ],
    [
      'whose subject is not the client',
      () => assertion({ claims: { sub: '11111111-2222-4333-8444-555555555555' } }),
      401,
      700021,
    ],
    ['without a jti', () => assertion({ claims: { jti: undefined } }), 400, 50027],
    ['that is not a JWT', () => 'not-a-jwt', 400, 50027],
  ];
  for (const [what, make, status, code] of refused) {
    it(`refuses an assertion ${what} with AADSTS${code}`, async () => {
      const res = await present(make());
      assert.equal(res.status, status, res.text);
      assert.equal(codeOf(res), code);
      assert.match(res.json<{ error_description: string }>().error_description, new RegExp(`^AADSTS${code}: `));
    });
  }

  it('takes an assertion once: the same jti again is refused, a fresh one is not', async () => {
    const jwt = assertion();
    assert.equal((await present(jwt)).status, 200);
    const again = await present(jwt);
    assert.equal(again.status, 401);
    assert.equal(codeOf(again), 50013);
    assert.match(again.text, /already used/);
    assert.equal((await present(assertion())).status, 200);
  });

  it('does not spend the jti of a refused assertion', async () => {
    const jti = randomUUID();
    assert.equal((await present(assertion({ claims: { jti, aud: 'https://elsewhere.example/token' } }))).status, 401);
    assert.equal((await present(assertion({ claims: { jti } }))).status, 200);
  });

  it('refuses a wrong client_assertion_type, and a request with neither secret nor assertion (AADSTS7000218)', async () => {
    assert.equal(codeOf(await present(assertion(), { client_assertion_type: 'urn:example:saml' })), 50027);
    const none = await raw(t, 'POST', tokenPath(), {
      token: null,
      form: { grant_type: 'client_credentials', client_id: t.sim.clientId, scope: GRAPH_SCOPE },
    });
    assert.equal(none.status, 401);
    assert.equal(codeOf(none), 7000218);
  });
});
