import assert from 'node:assert/strict';
import { raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

interface DeltaItem {
  id: string;
  '@removed'?: { reason: string };
  [key: string]: unknown;
}
interface DeltaPage {
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: DeltaItem[];
}

/** Every page of a round from `url`: its items and the deltaLink it ends with. */
async function round(t: TestSimulator, url: string): Promise<{ items: DeltaItem[]; pages: number; deltaLink: string }> {
  const items: DeltaItem[] = [];
  let pages = 0;
  for (let next: string | undefined = url; next;) {
    const res = await raw(t, 'GET', next);
    assert.equal(res.status, 200, res.text);
    const page = res.json<DeltaPage>();
    pages++;
    items.push(...page.value);
    assert.ok(!(page['@odata.nextLink'] && page['@odata.deltaLink']), 'a page has one link, never both');
    if (page['@odata.deltaLink']) return { items, pages, deltaLink: page['@odata.deltaLink'] };
    next = page['@odata.nextLink'];
  }
  throw new Error('the round ended without a deltaLink');
}

describe('simulator: GET /users/delta', () => {
  let t: TestSimulator;
  beforeEach(async () => {
    t = await startTestSimulator({ users: 450 });
  });
  afterEach(async () => t.close());

  it('lists every live user in the first round, pages with nextLink, and ends with a deltaLink carrying the $select', async () => {
    const first = await round(t, '/v1.0/users/delta?$select=id,userPrincipalName,jobTitle,accountEnabled');
    assert.equal(first.items.length, 450);
    assert.ok(first.pages >= 3, `${first.pages} pages`);
    assert.ok(first.items.every((u) => typeof u.userPrincipalName === 'string' && !('mail' in u)));
    const link = new URL(first.deltaLink);
    assert.equal(link.pathname, '/v1.0/users/delta');
    assert.deepEqual([...link.searchParams.keys()], ['$deltatoken']);
    const nothing = await round(t, first.deltaLink);
    assert.deepEqual(nothing.items, [], 'no change, no user');
  });

  it('then gives the users changed and removed since, with the tracked properties, and leaves out sign-ins', async () => {
    const { deltaLink } = await round(
      t,
      '/v1.0/users/delta?$select=id,userPrincipalName,jobTitle,accountEnabled,assignedLicenses',
    );
    const changed = t.sim.control.changeUsers(40, 3);
    const next = await round(t, deltaLink);
    const byId = new Map(next.items.map((u) => [u.id, u]));
    const tracked = [...changed.jobTitle, ...changed.license, ...changed.blocked];
    assert.deepEqual([...byId.keys()].sort(), [...tracked, ...changed.deleted].sort());
    for (const id of changed.deleted) assert.deepEqual(byId.get(id), { id, '@removed': { reason: 'changed' } });
    for (const id of changed.blocked)
      assert.equal(byId.get(id)?.accountEnabled, t.sim.control.userTruth(id).accountEnabled);
    for (const id of [...changed.signIn, ...changed.mfa])
      assert.ok(!byId.has(id), 'a sign-in changes no tracked property');
    assert.ok([...byId.values()].every((u) => u['@removed'] || Array.isArray(u.assignedLicenses)));
  });

  it('answers no users and a deltaLink from now for $deltatoken=latest', async () => {
    const now = (await raw(t, 'GET', '/v1.0/users/delta?$select=id,jobTitle&$deltatoken=latest')).json<DeltaPage>();
    assert.deepEqual(now.value, []);
    assert.ok(now['@odata.deltaLink']);
    const changed = t.sim.control.changeUsers(10, 5);
    const next = await round(t, now['@odata.deltaLink']);
    assert.equal(
      next.items.length,
      changed.jobTitle.length + changed.license.length + changed.blocked.length + changed.deleted.length,
    );
  });

  it('refuses signInActivity, $top and $expand, as Graph does for users delta', async () => {
    for (const query of ['$select=id,signInActivity', '$top=10', '$expand=manager']) {
      const res = await raw(t, 'GET', `/v1.0/users/delta?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.json<GraphErrorBody>().error.code, 'Request_UnsupportedQuery', query);
    }
  });

  it('expires a deltaLink after 7 days with 410 syncStateNotFound, and answers a reset with 410 resyncRequired and a Location', async () => {
    const { deltaLink } = await round(t, '/v1.0/users/delta?$select=id&$deltatoken=latest');
    t.sim.control.setFaults({ resetDeltaTokens: true });
    const reset = await raw(t, 'GET', deltaLink);
    assert.equal(reset.status, 410);
    assert.equal(reset.json<GraphErrorBody>().error.code, 'resyncRequired');
    assert.match(reset.headers['location'] ?? '', /\/v1\.0\/users\/delta\?\$deltatoken=$/);
    t.sim.control.setFaults({ resetDeltaTokens: false });
    assert.equal((await raw(t, 'GET', deltaLink)).status, 200);
    t.sim.control.advanceDays(7.5);
    const expired = await raw(t, 'GET', deltaLink);
    assert.equal(expired.status, 410);
    assert.equal(expired.json<GraphErrorBody>().error.code, 'syncStateNotFound');
  });
});
