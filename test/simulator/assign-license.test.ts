import assert from 'node:assert/strict';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const VISIO = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';
const YAMMER_PLAN = '7547a3fe-08ee-4ccb-b430-5077c5041653';

interface Sku {
  skuId: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number };
}
interface License {
  skuId: string;
  disabledPlans: string[];
}

describe('simulator: POST /users/{id}/assignLicense', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 400 });
  });
  after(async () => t.close());

  const assign = (user: string, body: unknown) => raw(t, 'POST', `/v1.0/users/${user}/assignLicense`, { body });
  const consumed = async (skuId: string) =>
    (await raw(t, 'GET', '/v1.0/subscribedSkus')).json<{ value: Sku[] }>().value.find((s) => s.skuId === skuId)
      ?.consumedUnits ?? -1;
  const licenses = async (user: string) =>
    (await raw(t, 'GET', `/v1.0/users/${user}?$select=assignedLicenses`)).json<{ assignedLicenses: License[] }>()
      .assignedLicenses;
  const expect400 = async (user: string, body: unknown, message: RegExp) => {
    const res = await assign(user, body);
    assert.equal(res.status, 400, res.text);
    const { error } = res.json<GraphErrorBody>();
    assert.equal(error.code, 'Request_BadRequest');
    assert.match(error.message, message);
  };

  it('removes only the named license, answers 200 with the user, and frees the seat', async () => {
    const lynne = NAMED_PEOPLE_IDS['lynne'] ?? '';
    const before = await consumed(E3);
    const res = await assign(lynne, { addLicenses: [], removeLicenses: [E3] });
    assert.equal(res.status, 200);
    const user = res.json<{ id: string; assignedLicenses: License[] }>();
    assert.equal(user.id, lynne);
    assert.deepEqual(
      user.assignedLicenses.map((l) => l.skuId),
      [POWER_BI_PRO],
    );
    assert.deepEqual(
      (await licenses(lynne)).map((l) => l.skuId),
      [POWER_BI_PRO],
    );
    assert.equal(await consumed(E3), before - 1);
    const filtered = await raw(
      t,
      'GET',
      `/v1.0/users?$select=id&$top=999&$filter=assignedLicenses/any(x:x/skuId eq ${E3})`,
    );
    assert.ok(!filtered.json<{ value: { id: string }[] }>().value.some((u) => u.id === lynne));
  });

  it('undoes a removal by re-assigning the same SKU with the same disabled plans', async () => {
    const lynne = NAMED_PEOPLE_IDS['lynne'] ?? '';
    const res = await assign(lynne, { addLicenses: [{ skuId: E3, disabledPlans: [YAMMER_PLAN] }], removeLicenses: [] });
    assert.equal(res.status, 200, res.text);
    const e3 = (await licenses(lynne)).find((l) => l.skuId === E3);
    assert.deepEqual(e3?.disabledPlans, [YAMMER_PLAN]);
  });

  it('refuses to remove a group-inherited license', async () => {
    await expect400(
      NAMED_PEOPLE_IDS['lee'] ?? '',
      { addLicenses: [], removeLicenses: [E3] },
      /inherited from a group membership/,
    );
  });

  it('refuses to remove a license the user does not have', async () => {
    await expect400(
      NAMED_PEOPLE_IDS['alex'] ?? '',
      { addLicenses: [], removeLicenses: [VISIO] },
      /does not have a corresponding license/,
    );
  });

  it('refuses a SKU the tenant does not own', async () => {
    await expect400(
      NAMED_PEOPLE_IDS['alex'] ?? '',
      { addLicenses: [], removeLicenses: ['11111111-1111-4111-8111-111111111111'] },
      /does not correspond to a valid company License/,
    );
  });

  it('refuses to add a SKU without free seats until one is freed', async () => {
    const alex = NAMED_PEOPLE_IDS['alex'] ?? '';
    await expect400(
      alex,
      { addLicenses: [{ skuId: POWER_BI_PRO }], removeLicenses: [] },
      /does not have any available licenses/,
    );
    assert.equal(
      (await assign(NAMED_PEOPLE_IDS['megan'] ?? '', { addLicenses: [], removeLicenses: [POWER_BI_PRO] })).status,
      200,
    );
    assert.equal(
      (await assign(alex, { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] })).status,
      200,
    );
  });

  it('refuses to add a license for a user without a usage location', async () => {
    const noLocation = (await raw(t, 'GET', '/_sim/truth/categories/no-usage-location', { token: null })).json<{
      value: string[];
    }>().value;
    const unlicensed = new Set(
      (await raw(t, 'GET', '/_sim/truth/categories/unlicensed', { token: null })).json<{ value: string[] }>().value,
    );
    const user = noLocation.find((id) => unlicensed.has(id));
    assert.ok(user, 'the tenant has an unlicensed user without usage location');
    await expect400(user, { addLicenses: [{ skuId: E3 }], removeLicenses: [] }, /invalid usage location/);
  });

  it('requires both arrays and refuses null GUIDs', async () => {
    const alex = NAMED_PEOPLE_IDS['alex'] ?? '';
    await expect400(alex, { removeLicenses: [E3] }, /missing.*addLicenses/);
    await expect400(alex, { addLicenses: [] }, /missing.*removeLicenses/);
    await expect400(alex, { addLicenses: [], removeLicenses: [null] }, /null value.*Edm\.Guid/);
    await expect400(alex, { addLicenses: [], removeLicenses: ['not-a-guid'] }, /Edm\.Guid/);
    assert.ok(
      (await licenses(alex)).some((l) => l.skuId === E3),
      'a refused request changes nothing',
    );
  });

  it('answers 404 for an unknown user', async () => {
    const res = await assign('ghost@contoso.onmicrosoft.com', { addLicenses: [], removeLicenses: [E3] });
    assert.equal(res.status, 404);
    assert.equal(res.json<GraphErrorBody>().error.code, 'Request_ResourceNotFound');
  });
});
