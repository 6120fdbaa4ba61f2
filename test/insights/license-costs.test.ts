import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { LicenseCosts, spendSummary, summary, userFinding } from '../../src/insights';
import { createRequests } from '../../src/reclamation/plan';
import { AuditEvent, LicenseCost, ReclamationRequests } from '../../src/store';
import { NOW, SKU, ago, openTestStore, policy, recordRuns, saveUsers, seedCatalog, user } from './fixtures';

const ADMIN = 'cli:adele';
const inactive = {
  lastSuccessfulSignInDateTime: ago(125),
  lastNonInteractiveSignInDateTime: ago(130),
  lastSignInDateTime: ago(125),
  lastActivityDate: null,
  lastUsedApp: null,
};

/** License cost details entered by an admin, over the real store: validation, audit, effective dates, and the figures they drive. */
describe('insights: license costs entered by an admin', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  let costs: LicenseCosts;
  const p = policy();
  const rows = () => store.getRepository(LicenseCost).find({ order: { id: 'ASC' } });
  const audits = () => store.getRepository(AuditEvent).find({ order: { id: 'ASC' } });
  const e3 = async (at = NOW) => (await costs.list(at)).find((c) => c.skuPartNumber === 'SPE_E3')!;

  beforeEach(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    costs = new LicenseCosts(store);
  });
  afterEach(() => close());

  it('stores a cost by part number, audited, and the list shows it in force as entered, per month', async () => {
    assert.equal((await e3()).source, 'list-price');
    const change = await costs.set(
      {
        sku: 'spe_e3',
        cost: '432',
        currency: 'usd',
        frequency: 'annual',
        effective: '2025-01-01',
        expires: '2025-12-31',
      },
      ADMIN,
      NOW,
    );
    assert.deepEqual(change, { ok: true, ids: [1] });
    const listed = await e3();
    assert.deepEqual(
      [listed.monthly, listed.source, listed.flags],
      [{ amount: '36.00', currency: 'USD' }, 'entered', []],
    );
    assert.deepEqual(
      listed.entered.map((c) => [c.cost, c.currency, c.frequency, c.effective, c.expires, c.status]),
      [['432', 'USD', 'annual', '2025-01-01', '2025-12-31', 'in force']],
    );
    const [audit] = await audits();
    assert.deepEqual(
      [audit?.action, audit?.actor, audit?.subjectType, audit?.subjectId, audit?.outcome],
      ['cost.set', ADMIN, 'sku', SKU.e3.skuId, 'ok'],
    );
  });

  it('normalises each payment frequency to a month: multi-year over its months, one-time over its term', async () => {
    await costs.set(
      { sku: 'SPE_E5', cost: '1800', currency: 'EUR', frequency: 'multi-year', months: '36' },
      ADMIN,
      NOW,
    );
    await costs.set(
      {
        sku: 'POWER_BI_PRO',
        cost: '120',
        currency: 'GBP',
        frequency: 'one-time',
        effective: '2025-01-01',
        expires: '2025-12-31',
      },
      ADMIN,
      NOW,
    );
    const list = await costs.list(NOW);
    const of = (part: string) => list.find((c) => c.skuPartNumber === part)?.monthly;
    assert.deepEqual(of('SPE_E5'), { amount: '50.00', currency: 'EUR' });
    assert.deepEqual(of('POWER_BI_PRO'), { amount: '10.00', currency: 'GBP' });
  });

  it('refuses bad input naming the field, changes nothing, and audits the refusal', async () => {
    const cases: [Parameters<LicenseCosts['set']>[0], RegExp][] = [
      [{ sku: 'SPE_E3', cost: '0', currency: 'USD', frequency: 'monthly' }, /^cost: "0" is not a positive amount/],
      [{ sku: 'SPE_E3', cost: '-5', currency: 'USD', frequency: 'monthly' }, /^cost: "-5" is not a positive amount/],
      [
        { sku: 'SPE_E3', cost: '36', currency: 'EURO', frequency: 'monthly' },
        /^currency: "EURO" is not an ISO 4217 currency code/,
      ],
      [{ sku: 'SPE_E3', cost: '36', currency: 'XYZ', frequency: 'monthly' }, /^currency: "XYZ" is not an ISO 4217/],
      [
        {
          sku: 'SPE_E3',
          cost: '36',
          currency: 'USD',
          frequency: 'monthly',
          effective: '2025-06-01',
          expires: '2025-05-31',
        },
        /^expires: 2025-05-31 is before the effective date 2025-06-01/,
      ],
      [
        { sku: 'SPE_E3', cost: '36', currency: 'USD', frequency: 'monthly', effective: '2025-02-30' },
        /^effective: not a real date/,
      ],
      [
        { sku: 'SPE_E3', cost: '36', currency: 'USD', frequency: 'fortnightly' },
        /^frequency: one of monthly, annual, multi-year, one-time/,
      ],
      [
        { sku: 'SPE_E3', cost: '1800', currency: 'USD', frequency: 'multi-year' },
        /^months: a multi-year cost needs the months/,
      ],
      [
        { sku: 'NOT_A_SKU', cost: '36', currency: 'USD', frequency: 'monthly' },
        /^sku: "NOT_A_SKU" is not a SKU of this tenant/,
      ],
    ];
    for (const [input, error] of cases) {
      const change = await costs.set(input, ADMIN, NOW);
      assert.equal(change.ok, false, JSON.stringify(input));
      if (!change.ok) assert.match(change.errors.join('; '), error);
    }
    assert.deepEqual(await rows(), []);
    assert.deepEqual(
      (await audits()).map((a) => a.outcome),
      cases.map(() => 'refused'),
    );
  });

  it('imports a CSV file all or nothing: one bad row refuses the whole file, naming its row and field', async () => {
    const bad =
      'sku,cost,currency,frequency,effective,expires\nSPE_E3,432,USD,annual,2025-01-01,2025-12-31\nSPE_E5,684,DOLLARS,annual,,\nPOWER_BI_PRO,0,USD,monthly,,\n';
    const refused = await costs.import(bad, 'costs.csv', ADMIN, NOW);
    assert.deepEqual(refused, {
      ok: false,
      errors: [
        'row 2: currency: "DOLLARS" is not an ISO 4217 currency code such as USD or EUR',
        'row 3: cost: "0" is not a positive amount such as 36 or 432.00',
      ],
    });
    assert.deepEqual(await rows(), []);
    const unknown = await costs.import(
      'sku,cost,currency,frequency\nSPE_E3,36,USD,monthly\nNOPE,1,USD,monthly\n',
      'costs.csv',
      ADMIN,
      NOW,
    );
    assert.equal(unknown.ok, false);
    assert.deepEqual(await rows(), []);
    assert.match(
      ((await costs.import('sku,price\nSPE_E3,36\n', 'costs.csv', ADMIN, NOW)) as { errors: string[] }).errors.join(
        '; ',
      ),
      /header: unknown column "price".*column "cost" is missing/,
    );
    // A byte-order mark, quoted cells, columns in any order, a blank optional cell.
    const good =
      '\ufeffcurrency,sku,cost,frequency,months\r\n"USD",SPE_E3,432.00,annual,\r\nEUR,SPE_E5,"1,800",multi-year,36\r\n';
    assert.match(
      ((await costs.import(good, 'costs.csv', ADMIN, NOW)) as { errors: string[] }).errors[0]!,
      /^row 2: cost: "1,800"/,
    );
    const fixed = good.replace('"1,800"', '1800');
    assert.deepEqual(await costs.import(fixed, 'costs.csv', ADMIN, NOW), { ok: true, ids: [1, 2] });
    assert.deepEqual(
      (await rows()).map((r) => [r.skuId, r.cost, r.paymentFrequency, r.termMonths]),
      [
        [SKU.e3.skuId, '432.00', 'annual', null],
        [SKU.e5.skuId, '1800', 'multi-year', 36],
      ],
    );
    assert.deepEqual(
      (await audits()).map((a) => [a.outcome, a.detail['file']]),
      [
        ['refused', 'costs.csv'],
        ['refused', 'costs.csv'],
        ['refused', 'costs.csv'],
        ['refused', 'costs.csv'],
        ['ok', 'costs.csv'],
        ['ok', 'costs.csv'],
      ],
    );
  });

  it('is effective-dated: a renewal counts from its date, an expired cost falls back to the next one, then to the list price', async () => {
    await costs.set(
      {
        sku: 'SPE_E3',
        cost: '30',
        currency: 'USD',
        frequency: 'monthly',
        effective: '2025-01-01',
        expires: '2025-06-30',
      },
      ADMIN,
      NOW,
    );
    await costs.set(
      {
        sku: 'SPE_E3',
        cost: '33',
        currency: 'USD',
        frequency: 'monthly',
        effective: '2025-07-01',
        expires: '2025-09-30',
      },
      ADMIN,
      NOW,
    );
    assert.deepEqual((await e3()).monthly, { amount: '30.00', currency: 'USD' });
    assert.deepEqual(
      (await e3()).entered.map((c) => c.status),
      ['in force', 'future'],
    );
    const july = await e3(new Date('2025-07-15T12:00:00Z'));
    assert.deepEqual([july.monthly, july.source], [{ amount: '33.00', currency: 'USD' }, 'entered']);
    const october = await e3(new Date('2025-10-15T12:00:00Z'));
    // Both entered costs are over: Microsoft's list price counts again, and the SKU says why.
    assert.deepEqual(
      [october.monthly, october.source, october.flags],
      [{ amount: '36.00', currency: 'USD' }, 'list-price', ['expired']],
    );
  });

  it('drives spend, waste and savings; a renewal does not rewrite a saving already recorded', async () => {
    const lynne = user({ ...inactive, userPrincipalName: 'lynne@contoso.com' });
    await saveUsers(store, [lynne, user({ ...inactive, userPrincipalName: 'ines@contoso.com' })]);
    await recordRuns(store, { at: ago(200) });
    await recordRuns(store);
    const waste = async () => (await summary(store, p, NOW)).waste.byKind.inactive;
    assert.deepEqual(await waste(), [{ currency: 'USD', amount: '72.00', source: 'list-price' }]);
    await costs.set(
      { sku: 'SPE_E3', cost: '360', currency: 'USD', frequency: 'annual', effective: '2025-01-01' },
      ADMIN,
      NOW,
    );
    assert.deepEqual(await waste(), [{ currency: 'USD', amount: '60.00', source: 'entered' }]);
    const line = (await spendSummary(store, p, NOW)).lines.find((l) => l.skuPartNumber === 'SPE_E3')!;
    assert.deepEqual(
      [line.source, line.monthlyPerLicense],
      ['entered', { amount: '30.00', currency: 'USD', source: 'entered' }],
    );

    // Lynne's E3 is reclaimed at the cost in force then, 30.00 a month.
    const finding = (await userFinding(store, lynne.userPrincipalName, p, NOW))!.finding!;
    const license = finding.licenses[0]!;
    const [request] = await createRequests(
      store,
      {
        userPrincipalName: lynne.userPrincipalName,
        refusals: [],
        items: [
          {
            userId: lynne.id,
            userPrincipalName: lynne.userPrincipalName,
            displayName: null,
            skuId: license.skuId,
            skuName: license.friendlyName,
            reason: 'inactive',
            evidence: {},
            monthlySaving: license.monthlyCost,
            approver: { id: 'manager', displayName: null, source: 'manager' },
          },
        ],
      },
      ADMIN,
      { dryRun: false, expiryDays: 7, now: NOW },
    );
    const requests = new ReclamationRequests(store);
    for (const [from, to] of [
      ['requested', 'approved'],
      ['approved', 'executing'],
      ['executing', 'reclaimed'],
    ] as const) {
      await requests.transition(request!.id, { from: [from], to, actor: 'manager', action: to }, NOW);
    }
    // The renewal from today costs more: today's waste follows it, the saving already made does not.
    await costs.set(
      { sku: 'SPE_E3', cost: '480', currency: 'USD', frequency: 'annual', effective: '2025-06-01' },
      ADMIN,
      NOW,
    );
    const after = await summary(store, p, NOW);
    assert.deepEqual(after.savings, [{ currency: 'USD', amount: '30.00', source: 'entered' }]);
    assert.deepEqual(after.waste.byKind.inactive, [{ currency: 'USD', amount: '80.00', source: 'entered' }]);
  });
});
