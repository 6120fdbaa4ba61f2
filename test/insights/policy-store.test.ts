import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY, PolicyStore, parsePolicyValue } from '../../src/insights';
import { AuditEvent, Setting, Sku } from '../../src/store';
import { NOW, openTestStore, seedCatalog } from './fixtures';

const ADMIN = '1f8a7b9c-2d3e-4f50-8a1b-2c3d4e5f6a01';

describe('insights: policy store', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  let policies: PolicyStore;
  const audits = () => store.getRepository(AuditEvent).find({ order: { id: 'ASC' } });

  beforeEach(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    policies = new PolicyStore(store);
  });
  afterEach(() => close());

  it('starts from the documented defaults', async () => {
    assert.deepEqual(await policies.get(), DEFAULT_POLICY);
    const view = await policies.view();
    assert.ok(view.entries.every((e) => e.isDefault));
    assert.equal(view.managedSkus.all, false, 'the fixture leaves one SKU unmanaged');
  });

  it('changes a key, keeps who and when, and writes one audit row with the old and new value', async () => {
    const change = await policies.set('inactiveDays', '60', ADMIN, NOW);
    assert.deepEqual(change, { ok: true, key: 'inactiveDays', from: '90', to: '60', changed: true });
    assert.equal((await policies.get()).inactiveDays, 60);
    const [audit] = await audits();
    assert.deepEqual(
      [audit?.action, audit?.actor, audit?.subjectType, audit?.subjectId, audit?.outcome, audit?.detail],
      ['policy.set', ADMIN, 'policy', 'inactiveDays', 'ok', { key: 'inactiveDays', from: 90, to: 60 }],
    );
    const entry = (await policies.view()).entries.find((e) => e.key === 'inactiveDays');
    assert.deepEqual([entry?.updatedBy, entry?.updatedAt], [ADMIN, NOW.toISOString()]);
  });

  it('a repeated value changes nothing and is not audited again', async () => {
    await policies.set('excludeGuests', 'off', ADMIN, NOW);
    const again = await policies.set('excludeGuests', 'false', ADMIN, NOW);
    assert.deepEqual(again, { ok: true, key: 'excludeGuests', from: 'false', to: 'false', changed: false });
    assert.equal((await audits()).length, 1);
  });

  it('refuses bad input, changes nothing, and audits the refusal', async () => {
    for (const [key, value] of [
      ['inactiveDays', 'ninety'],
      ['inactiveDays', '0'],
      ['mfaRule', 'maybe'],
      ['serviceAccountPatterns', 'svc %'],
      ['nope', '1'],
    ]) {
      const change = await policies.set(key!, value!, ADMIN, NOW);
      assert.equal(change.ok, false, `${key}=${value}`);
    }
    assert.deepEqual(await policies.get(), DEFAULT_POLICY);
    assert.equal(await store.getRepository(Setting).count(), 0);
    assert.deepEqual(
      (await audits()).map((a) => a.outcome),
      ['refused', 'refused', 'refused', 'refused', 'refused'],
    );
  });

  it('takes lists comma-separated, trims and de-duplicates them, and clears them with "none"', async () => {
    await policies.set('excludedUsers', ' ceo@contoso.com, cfo@contoso.com ,ceo@contoso.com', ADMIN, NOW);
    assert.deepEqual((await policies.get()).excludedUsers, ['ceo@contoso.com', 'cfo@contoso.com']);
    await policies.set('excludedUsers', 'none', ADMIN, NOW);
    assert.deepEqual((await policies.get()).excludedUsers, []);
    assert.equal(await store.getRepository(Setting).count(), 0, 'back at the default: no row left');
    assert.equal((await audits()).length, 2);
  });

  it('selects managed SKUs by part number (one audit row), and "all" again', async () => {
    const change = await policies.set('managedSkus', 'SPE_E3, spe_e5', ADMIN, NOW);
    assert.deepEqual(change, {
      ok: true,
      key: 'managedSkus',
      from: 'O365_BUSINESS_ESSENTIALS,POWER_BI_PRO,POWER_BI_STANDARD,SPE_E3,SPE_E5',
      to: 'SPE_E3,SPE_E5',
      changed: true,
    });
    const managed = (await store.getRepository(Sku).find())
      .filter((s) => s.managed)
      .map((s) => s.skuPartNumber)
      .sort();
    assert.deepEqual(managed, ['SPE_E3', 'SPE_E5']);
    assert.equal((await policies.set('managedSkus', 'NOT_A_SKU', ADMIN, NOW)).ok, false);
    await policies.set('managedSkus', 'all', ADMIN, NOW);
    assert.equal((await policies.view()).managedSkus.all, true);
    assert.deepEqual(
      (await audits()).map((a) => [a.subjectId, a.outcome]),
      [
        ['managedSkus', 'ok'],
        ['managedSkus', 'refused'],
        ['managedSkus', 'ok'],
      ],
    );
  });

  it('falls back to the default, with a warning, when a stored value no longer validates', async () => {
    await store
      .getRepository(Setting)
      .save({ key: 'policy.graceDays', value: 'soon', updatedAt: NOW.toISOString(), updatedBy: 'system' });
    const view = await policies.view();
    assert.equal(view.policy.graceDays, 30);
    assert.equal(view.warnings.length, 1);
  });

  it('reads the one MFA/SSO switch an older version stored as both parts, until a part is set', async () => {
    await store
      .getRepository(Setting)
      .save({ key: 'policy.mfaSsoRule', value: false, updatedAt: NOW.toISOString(), updatedBy: 'cli:old' });
    assert.deepEqual([(await policies.get()).mfaRule, (await policies.get()).ssoRule], [false, false]);
    await policies.set('ssoRule', 'on', ADMIN, NOW);
    assert.deepEqual([(await policies.get()).mfaRule, (await policies.get()).ssoRule], [false, true]);
  });

  it('parses text per type (the schema is exported for the bot card)', () => {
    assert.equal(parsePolicyValue('reportLagDays', '5').data, 5);
    assert.equal(parsePolicyValue('excludeGuests', 'YES').data, true);
    assert.deepEqual(parsePolicyValue('excludedGroups', '').data, []);
    assert.equal(parsePolicyValue('graceDays', '-1').success, false);
  });
});
