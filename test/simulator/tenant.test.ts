import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GROUPS } from '../../src/simulator';
import { Group } from '../../src/simulator/tenant/catalog-groups';
import { allPages, raw, startTestSimulator, type TestSimulator } from './helpers';

const EVERYTHING =
  'id,userPrincipalName,displayName,givenName,surname,mail,jobTitle,department,country,city,usageLocation,userType,' +
  'accountEnabled,createdDateTime,onPremisesSyncEnabled,assignedLicenses,licenseAssignmentStates,signInActivity';

async function serializedUsers(t: TestSimulator): Promise<Record<string, unknown>[]> {
  return allPages<Record<string, unknown>>(t, await t.client.api('/users').select(EVERYTHING).top(500).get());
}

async function tenantHash(options: { seed: number; users: number }): Promise<string> {
  const t = await startTestSimulator(options);
  try {
    const users = await serializedUsers(t);
    const log = await allPages<{ id: string }>(
      t,
      await t.client.api('/auditLogs/signIns').select('id,createdDateTime,userId,appId').get(),
    );
    const skus = (await raw(t, 'GET', '/v1.0/subscribedSkus')).json<{ value: unknown[] }>().value;
    return createHash('sha256')
      .update(JSON.stringify([users, log, skus]))
      .digest('hex');
  } finally {
    await t.close();
  }
}

describe('simulator: the synthetic tenant', () => {
  it('is the same for the same seed and size, and different for another seed', async () => {
    const a = await tenantHash({ seed: 5, users: 400 });
    assert.equal(await tenantHash({ seed: 5, users: 400 }), a);
    assert.notEqual(await tenantHash({ seed: 6, users: 400 }), a);
  });

  it("keeps a user's data independent of how many users follow", async () => {
    const small = await startTestSimulator({ seed: 9, users: 300 });
    const large = await startTestSimulator({ seed: 9, users: 600 });
    try {
      const a = await serializedUsers(small);
      const b = (await serializedUsers(large)).slice(0, 300);
      assert.deepEqual(a, b);
    } finally {
      await small.close();
      await large.close();
    }
  });

  describe('licenses and groups', () => {
    let t: TestSimulator;
    before(async () => {
      t = await startTestSimulator({ users: 1500 });
    });
    after(async () => t.close());

    it('lists about a dozen real SKUs with purchased units covering consumption, some in Warning or with suspended units', async () => {
      const skus = (await raw(t, 'GET', '/v1.0/subscribedSkus')).json<{
        '@odata.context': string;
        value: Record<string, unknown>[];
      }>();
      assert.equal(skus['@odata.context'], `${t.sim.url}/v1.0/$metadata#subscribedSkus`);
      assert.ok(skus.value.length >= 12);
      for (const sku of skus.value) {
        const units = sku['prepaidUnits'] as { enabled: number; suspended: number; warning: number; lockedOut: number };
        assert.ok(units.enabled >= (sku['consumedUnits'] as number), String(sku['skuPartNumber']));
        assert.equal(sku['id'], `${t.sim.tenantId}_${sku['skuId']}`);
        assert.ok((sku['servicePlans'] as unknown[]).length > 0);
      }
      assert.ok(skus.value.some((s) => s['capabilityStatus'] === 'Warning'));
      assert.ok(skus.value.some((s) => (s['prepaidUnits'] as { suspended: number }).suspended > 0));
      const pbi = skus.value.find((s) => s['skuPartNumber'] === 'POWER_BI_PRO');
      assert.equal(
        (pbi?.['prepaidUnits'] as { enabled: number }).enabled,
        pbi?.['consumedUnits'],
        'Power BI Pro has no free seat',
      );
      const selected = (await raw(t, 'GET', '/v1.0/subscribedSkus?$select=skuPartNumber,consumedUnits')).json<{
        value: Record<string, unknown>[];
      }>();
      assert.deepEqual(Object.keys(selected.value[0] ?? {}), ['skuPartNumber', 'consumedUnits']);
    });

    it('finds license groups by name and pages their members', async () => {
      const found = (
        await raw(t, 'GET', "/v1.0/groups?$filter=displayName eq 'LIC - Microsoft 365 E3 (All Staff)'")
      ).json<{ value: { id: string }[] }>();
      assert.deepEqual(
        found.value.map((g) => g.id),
        [GROUPS[0]?.id],
      );
      const members = await allPages<{ id: string }>(
        t,
        await t.client.api(`/groups/${GROUPS[0]?.id}/members`).select('id').top(100).get(),
      );
      const truth = (await raw(t, 'GET', '/_sim/truth/categories/group-license', { token: null })).json<{
        value: string[];
      }>().value;
      assert.ok(members.length > 100);
      assert.ok(members.every((m) => truth.includes(m.id)));
    });

    it('nests Executive Leadership in the exclusion group: members shows the group, transitiveMembers its people too', async () => {
      const [excluded, executives] = [GROUPS[Group.excluded]!, GROUPS[Group.executives]!];
      type Member = { id: string; '@odata.type': string };
      const direct = await allPages<Member>(
        t,
        await t.client.api(`/groups/${excluded.id}/members`).select('id').top(7).get(),
      );
      assert.deepEqual(
        direct.filter((m) => m['@odata.type'] === '#microsoft.graph.group').map((m) => m.id),
        [executives.id],
      );
      const directUsers = direct.filter((m) => m['@odata.type'] === '#microsoft.graph.user').map((m) => m.id);
      const inExecutives = (
        await allPages<Member>(t, await t.client.api(`/groups/${executives.id}/members`).select('id').top(999).get())
      ).map((m) => m.id);
      assert.ok(
        inExecutives.some((id) => !directUsers.includes(id)),
        'someone is excluded only through the nested group',
      );
      const transitive = await allPages<Member>(
        t,
        await t.client.api(`/groups/${excluded.id}/transitiveMembers/microsoft.graph.user`).select('id').top(7).get(),
      );
      const ids = transitive.map((m) => m.id);
      assert.ok(transitive.every((m) => m['@odata.type'] === '#microsoft.graph.user'));
      assert.equal(new Set(ids).size, ids.length, 'each user once');
      assert.deepEqual([...ids].sort(), [...new Set([...directUsers, ...inExecutives])].sort());
      const truth = (await raw(t, 'GET', '/_sim/truth/categories/in-exclusion-group', { token: null })).json<{
        value: string[];
      }>().value;
      assert.deepEqual([...ids].sort(), [...truth].sort());
    });
  });
});
