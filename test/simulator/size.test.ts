import assert from 'node:assert/strict';
import { raw, startTestSimulator, type TestSimulator } from './helpers';

/** The one larger tenant in the suite: every scenario the product must tell apart shows up. */
const EXPECTED_CATEGORIES = [
  'active-30',
  'inactive-30',
  'inactive-60',
  'inactive-90',
  'inactive-180',
  'inactive-365',
  'never-signed-in-past-grace',
  'never-signed-in-within-grace',
  'failed-sign-ins-only-30',
  'activity-without-sign-in-30',
  'sign-in-without-app-activity',
  'guest',
  'room-mailbox',
  'shared-mailbox',
  'licensed-resource-mailbox',
  'blocked',
  'blocked-with-license',
  'group-license',
  'direct-license',
  'unlicensed',
  'no-usage-location',
  'on-premises-synced',
  'mfa-registered',
  'created-date-unknown',
  'in-exclusion-group',
  'admin',
  'agent-user',
];

describe('simulator: a 20,000-user tenant', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 20_000, seed: 3 });
  });
  after(async () => t.close());

  it('pages all 20,000 users exactly once at 999 a page', async () => {
    let next: string | undefined = '/v1.0/users?$top=999&$select=id,accountEnabled,assignedLicenses';
    const seen = new Set<string>();
    let pages = 0;
    while (next) {
      const page: { value: { id: string }[]; '@odata.nextLink'?: string } = (await raw(t, 'GET', next)).json();
      for (const u of page.value) seen.add(u.id);
      pages++;
      next = page['@odata.nextLink'];
    }
    assert.equal(seen.size, 20_000);
    assert.ok(pages >= 21);
  });

  it('holds every ground-truth category the product must recognise', async () => {
    const categories = (await raw(t, 'GET', '/_sim/truth/categories', { token: null })).json<{
      value: { name: string; count: number }[];
    }>().value;
    const counts = new Map(categories.map((c) => [c.name, c.count]));
    for (const name of EXPECTED_CATEGORIES) assert.ok((counts.get(name) ?? 0) > 0, `no user in ${name}`);
    assert.equal(
      (counts.get('member') ?? 0) +
        (counts.get('guest') ?? 0) +
        (counts.get('room-mailbox') ?? 0) +
        (counts.get('shared-mailbox') ?? 0),
      20_000,
    );
  });
});
