import assert from 'node:assert/strict';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { allPages, ids, raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

interface User {
  id: string;
  userPrincipalName: string;
  [key: string]: unknown;
}
interface Page {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: User[];
}

const DEFAULT_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

describe('simulator: GET /users', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 1200 });
  });
  after(async () => t.close());

  it('hands out every user exactly once across all pages, through the SDK page iterator', async () => {
    const first = await t.client.api('/users').select('id,userPrincipalName').top(999).get();
    assert.equal(first.value.length, 999);
    const users = await allPages<User>(t, first);
    assert.equal(users.length, 1200);
    assert.equal(new Set(ids(users)).size, 1200);
  });

  it('makes nextLink an absolute URL with an opaque $skiptoken and keeps the query options', async () => {
    const page = (await raw(t, 'GET', '/v1.0/users?$select=id&$top=50')).json<Page>();
    const next = new URL(page['@odata.nextLink'] ?? '');
    assert.equal(next.origin, t.sim.url);
    assert.equal(next.searchParams.get('$select'), 'id');
    assert.equal(next.searchParams.get('$top'), '50');
    assert.match(next.searchParams.get('$skiptoken') ?? '', /^[A-Za-z0-9_-]{8,}$/);
  });

  it('refuses a tampered $skiptoken as expired', async () => {
    const res = await raw(t, 'GET', '/v1.0/users?$top=5&$skiptoken=garbage');
    assert.equal(res.status, 400);
    assert.equal(res.json<GraphErrorBody>().error.code, 'Directory_ExpiredPageToken');
  });

  it('returns the default property set without $select, and only selected properties with it', async () => {
    const plain = (await raw(t, 'GET', '/v1.0/users?$top=3')).json<Page>();
    assert.equal(plain.value.length, 3);
    for (const u of plain.value) assert.deepEqual(Object.keys(u).sort(), [...DEFAULT_PROPS].sort());
    assert.equal(plain['@odata.context'], `${t.sim.url}/v1.0/$metadata#users`);
    const selected = (
      await raw(t, 'GET', '/v1.0/users?$top=3&$select=id,accountEnabled,assignedLicenses')
    ).json<Page>();
    for (const u of selected.value) assert.deepEqual(Object.keys(u), ['id', 'accountEnabled', 'assignedLicenses']);
    assert.equal(selected['@odata.context'], `${t.sim.url}/v1.0/$metadata#users(id,accountEnabled,assignedLicenses)`);
  });

  it('pages 100 users by default and refuses $top above 999', async () => {
    assert.equal((await raw(t, 'GET', '/v1.0/users?$select=id')).json<Page>().value.length, 100);
    const res = await raw(t, 'GET', '/v1.0/users?$top=1000');
    assert.equal(res.status, 400);
    assert.equal(res.json<GraphErrorBody>().error.code, 'Request_UnsupportedQuery');
  });

  it('quietly caps pages at 500 when signInActivity is selected, or 120 with the older behaviour', async () => {
    const page = (await raw(t, 'GET', '/v1.0/users?$top=999&$select=id,signInActivity')).json<Page>();
    assert.equal(page.value.length, 500);
    t.sim.control.setFaults({ signInActivityPageCap: 120 });
    try {
      assert.equal(
        (await raw(t, 'GET', '/v1.0/users?$top=999&$select=id,signInActivity')).json<Page>().value.length,
        120,
      );
    } finally {
      t.sim.control.setFaults({ signInActivityPageCap: 500 });
    }
  });

  it('refuses $skip with the documented error', async () => {
    const res = await raw(t, 'GET', '/v1.0/users?$skip=10');
    assert.equal(res.status, 400);
    const body = res.json<GraphErrorBody>();
    assert.equal(body.error.code, 'Request_BadRequest');
    assert.match(body.error.message, /\$skip/);
  });

  it('answers errors with the documented envelope: innerError date without timezone and request-id', async () => {
    const res = await raw(t, 'GET', '/v1.0/users?$select=notAProperty', {
      headers: { 'client-request-id': 'abc-123' },
    });
    assert.equal(res.status, 400);
    const { error } = res.json<GraphErrorBody>();
    assert.equal(error.code, 'Request_BadRequest');
    assert.match(error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.equal(error.innerError['request-id'], res.headers['request-id']);
    assert.equal(error.innerError['client-request-id'], 'abc-123');
  });

  it('counts users only with ConsistencyLevel: eventual, on the first page only', async () => {
    assert.equal((await raw(t, 'GET', '/v1.0/users?$count=true&$select=id')).status, 400);
    const first = (
      await raw(t, 'GET', '/v1.0/users?$count=true&$select=id&$top=999', { headers: { ConsistencyLevel: 'eventual' } })
    ).json<Page>();
    assert.equal(first['@odata.count'], 1200);
    const second = (
      await raw(t, 'GET', first['@odata.nextLink'] ?? '', { headers: { ConsistencyLevel: 'eventual' } })
    ).json<Page>();
    assert.equal(second['@odata.count'], undefined);
    const count = await raw(t, 'GET', '/v1.0/users/$count', { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(count.text, '1200');
    assert.match(count.headers['content-type'] ?? '', /^text\/plain/);
    assert.equal((await raw(t, 'GET', '/v1.0/users/$count')).status, 400);
  });

  it('filters blocked users and users holding a SKU', async () => {
    const blocked = await allPages<User>(
      t,
      await t.client.api('/users').filter('accountEnabled eq false').select('id,accountEnabled').top(999).get(),
    );
    assert.ok(blocked.length > 0);
    assert.ok(blocked.every((u) => u['accountEnabled'] === false));
    const e3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
    const holders = (
      await raw(
        t,
        'GET',
        `/v1.0/users?$select=id,assignedLicenses&$top=999&$filter=assignedLicenses/any(x:x/skuId eq ${e3})`,
      )
    ).json<Page>();
    assert.ok(holders.value.length > 0);
    assert.ok(holders.value.every((u) => (u['assignedLicenses'] as { skuId: string }[]).some((l) => l.skuId === e3)));
  });

  it('needs an advanced query for assignedLicenses/$count and refuses signInActivity mixed with other filters', async () => {
    const path = '/v1.0/users?$select=id&$filter=assignedLicenses/$count eq 0';
    assert.equal((await raw(t, 'GET', path)).status, 400);
    const advanced = await raw(t, 'GET', `${path}&$count=true`, { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(advanced.status, 200);
    assert.ok((advanced.json<Page>()['@odata.count'] ?? 0) > 0);
    const mixed = await raw(
      t,
      'GET',
      '/v1.0/users?$filter=signInActivity/lastSignInDateTime le 2025-01-01T00:00:00Z and accountEnabled eq true',
    );
    assert.equal(mixed.status, 400);
  });

  it('shows never-signed-in users as null or 0001-01-01 signInActivity', async () => {
    const users = await allPages<User>(t, await t.client.api('/users').select('id,signInActivity').top(500).get());
    const never = users.filter(
      (u) =>
        u['signInActivity'] === null ||
        (u['signInActivity'] as { lastSignInDateTime: string }).lastSignInDateTime === '0001-01-01T00:00:00Z',
    );
    assert.ok(never.some((u) => u['signInActivity'] === null));
    assert.ok(never.some((u) => u['signInActivity'] !== null));
    const diego = users.find((u) => u.id === NAMED_PEOPLE_IDS['diego']);
    assert.deepEqual(diego?.['signInActivity'], {
      lastSignInDateTime: '0001-01-01T00:00:00Z',
      lastSignInRequestId: '',
      lastNonInteractiveSignInDateTime: '0001-01-01T00:00:00Z',
      lastNonInteractiveSignInRequestId: '',
      lastSuccessfulSignInDateTime: null,
      lastSuccessfulSignInRequestId: null,
    });
  });

  it('reads one user by id or by a guest UPN with an encoded #EXT#', async () => {
    const guest = (
      await raw(t, 'GET', "/v1.0/users?$select=id,userPrincipalName&$top=999&$filter=userType eq 'Guest'")
    ).json<Page>().value[0];
    assert.ok(guest && guest.userPrincipalName.includes('#EXT#@'));
    const byUpn = await raw(t, 'GET', `/v1.0/users/${encodeURIComponent(guest.userPrincipalName)}?$select=id`);
    assert.equal(byUpn.json<User>().id, guest.id);
    const byId = await raw(t, 'GET', `/v1.0/users/${guest.id}`);
    assert.equal(byId.json<Record<string, string>>()['@odata.context'], `${t.sim.url}/v1.0/$metadata#users/$entity`);
  });

  it('answers 404 Request_ResourceNotFound for an unknown user', async () => {
    const res = await raw(t, 'GET', '/v1.0/users/nobody@contoso.onmicrosoft.com');
    assert.equal(res.status, 404);
    assert.equal(res.json<GraphErrorBody>().error.code, 'Request_ResourceNotFound');
  });

  it('returns the line manager, and 404 for the top of the tree', async () => {
    const manager = await t.client.api(`/users/${NAMED_PEOPLE_IDS['lynne']}/manager`).select('id,displayName').get();
    assert.equal(manager.id, NAMED_PEOPLE_IDS['megan']);
    assert.equal(manager['@odata.type'], '#microsoft.graph.user');
    assert.equal((await raw(t, 'GET', `/v1.0/users/${NAMED_PEOPLE_IDS['patti']}/manager`)).status, 404);
  });

  it('expands managers on the list in one pass, leaving the property out for people without one', async () => {
    const users = await allPages<User>(
      t,
      await t.client.api('/users').select('id').expand('manager($select=id,displayName)').top(999).get(),
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    assert.deepEqual(byId.get(NAMED_PEOPLE_IDS['lynne'] ?? '')?.['manager'], {
      '@odata.type': '#microsoft.graph.user',
      id: NAMED_PEOPLE_IDS['megan'],
      displayName: 'Megan Bowen',
    });
    assert.ok(!('manager' in (byId.get(NAMED_PEOPLE_IDS['patti'] ?? '') ?? {})));
    assert.equal((await raw(t, 'GET', '/v1.0/users?$expand=memberOf')).status, 400);
  });

  it('lists group memberships, naming the group behind a group-inherited license', async () => {
    const groups = (await raw(t, 'GET', `/v1.0/users/${NAMED_PEOPLE_IDS['lee']}/memberOf`)).json<{
      value: { displayName: string; id: string }[];
    }>();
    assert.deepEqual(
      groups.value.map((g) => g.displayName),
      ['LIC - Microsoft 365 E3 (All Staff)'],
    );
    const user = (await raw(t, 'GET', `/v1.0/users/${NAMED_PEOPLE_IDS['lee']}?$select=licenseAssignmentStates`)).json<{
      licenseAssignmentStates: { assignedByGroup: string | null }[];
    }>();
    assert.ok(user.licenseAssignmentStates.some((s) => s.assignedByGroup === groups.value[0]?.id));
    const group = (await raw(t, 'GET', `/v1.0/groups/${groups.value[0]?.id}?$select=displayName`)).json<
      Record<string, string>
    >();
    assert.equal(group['displayName'], 'LIC - Microsoft 365 E3 (All Staff)');
  });

  it('lists agentUser objects on beta only, tagged with their type', async () => {
    const beta = await t.client.api('/users').version('beta').select('id').top(999).get();
    const betaUsers = await allPages<User>(t, beta);
    assert.equal(betaUsers.length, 1202);
    assert.equal(betaUsers.filter((u) => u['@odata.type'] === '#microsoft.graph.agentUser').length, 2);
  });

  it('answers 401 InvalidAuthenticationToken without a token or with a malformed one', async () => {
    for (const token of [null, 'not-a-jwt']) {
      const res = await raw(t, 'GET', '/v1.0/users', { token });
      assert.equal(res.status, 401);
      assert.equal(res.json<GraphErrorBody>().error.code, 'InvalidAuthenticationToken');
    }
  });
});
