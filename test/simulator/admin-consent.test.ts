import assert from 'node:assert/strict';
import { rolesOf } from '../../src/graph';
import { REQUESTED_PERMISSIONS } from '../../src/simulator';
import { GRAPH_SCOPE, raw, startTestSimulator, type TestSimulator } from './helpers';

describe('simulator: admin consent (/{tenant}/v2.0/adminconsent)', () => {
  let t: TestSimulator;
  beforeEach(async () => {
    t = await startTestSimulator({ grants: ['Directory.Read.All'] });
  });
  afterEach(async () => t.close());

  const consentPath = (over: Record<string, string> = {}) =>
    `/${t.sim.tenantId}/v2.0/adminconsent?${new URLSearchParams({
      client_id: t.sim.clientId,
      scope: GRAPH_SCOPE,
      redirect_uri: 'http://localhost:4321/auth/consent',
      state: 'st<ate>&1',
      ...over,
    })}`;
  const decide = (decision: string, over: Record<string, string> = {}) =>
    raw(t, 'POST', consentPath(over), { token: null, form: { decision } });
  const freshToken = async () => {
    const res = await raw(t, 'POST', `/${t.sim.tenantId}/oauth2/v2.0/token`, {
      token: null,
      form: {
        grant_type: 'client_credentials',
        client_id: t.sim.clientId,
        client_secret: t.sim.clientSecret,
        scope: GRAPH_SCOPE,
      },
    });
    return res.json<{ access_token: string }>().access_token;
  };

  it('shows the permissions the registration requests, with Accept and Cancel posting back, everything escaped', async () => {
    const res = await raw(t, 'GET', consentPath(), { token: null });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    for (const permission of REQUESTED_PERMISSIONS)
      assert.match(res.text, new RegExp(`<li>${permission.replace(/\./g, '\\.')}</li>`));
    assert.match(res.text, /name="decision" value="accept"/);
    assert.match(res.text, /name="decision" value="cancel"/);
    assert.match(res.text, /state=st%3Cate%3E%261/);
    assert.doesNotMatch(res.text, /st<ate>/);
  });

  it('Accept grants them: redirect with admin_consent=True, tenant, scope and state, and the next token carries the roles', async () => {
    const before = rolesOf(await freshToken());
    assert.deepEqual(before, ['Directory.Read.All']);
    const res = await decide('accept');
    assert.equal(res.status, 302);
    const back = new URL(res.headers['location'] ?? '');
    assert.equal(`${back.origin}${back.pathname}`, 'http://localhost:4321/auth/consent');
    assert.equal(back.searchParams.get('admin_consent'), 'True');
    assert.equal(back.searchParams.get('tenant'), t.sim.tenantId);
    assert.equal(back.searchParams.get('state'), 'st<ate>&1');
    assert.match(back.searchParams.get('scope') ?? '', /https:\/\/graph\.microsoft\.com\/User\.Read\.All/);
    assert.deepEqual(
      rolesOf(await freshToken()),
      [...new Set([...REQUESTED_PERMISSIONS, 'Directory.Read.All'])].sort(),
    );
  });

  it('Cancel redirects with error=access_denied and AADSTS65004, and grants nothing', async () => {
    const res = await decide('cancel');
    assert.equal(res.status, 302);
    const back = new URL(res.headers['location'] ?? '');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.match(back.searchParams.get('error_description') ?? '', /^AADSTS65004: User declined to consent/);
    assert.equal(back.searchParams.get('state'), 'st<ate>&1');
    assert.equal(back.searchParams.get('admin_consent'), null);
    assert.deepEqual(rolesOf(await freshToken()), ['Directory.Read.All']);
  });

  it('accepts any port of a loopback redirect URI, as Entra does', async () => {
    assert.equal((await decide('accept', { redirect_uri: 'http://127.0.0.1:9/auth/consent' })).status, 302);
  });

  const pages: [string, Record<string, string>, number][] = [
    ['a redirect URI that is not registered', { redirect_uri: 'https://attacker.example/auth/consent' }, 50011],
    ['a registered path on another host', { redirect_uri: 'http://localhost.example/auth/consent' }, 50011],
    ['an unknown app', { client_id: '11111111-2222-4333-8444-555555555555' }, 700016],
    ['a scope other than .default', { scope: 'https://graph.microsoft.com/User.Read.All' }, 70011],
  ];
  for (const [what, over, code] of pages) {
    it(`answers ${what} with an error page (AADSTS${code}), never a redirect, and grants nothing`, async () => {
      const res = await decide('accept', over);
      assert.equal(res.status, 400);
      assert.equal(res.headers['location'], undefined);
      assert.match(res.text, new RegExp(`AADSTS${code}:`));
      assert.deepEqual(rolesOf(await freshToken()), ['Directory.Read.All']);
    });
  }
});
