import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import {
  differentiation,
  downgrades,
  exportFindings,
  listFindings,
  overlaps,
  spendSummary,
  summary,
  userFinding,
  type Finding,
} from '../../src/insights';
import { TenantUser } from '../../src/store';
import { activeHoldersPerSkuService, holdersPerSku } from '../../src/insights/sql/differentiation';
import {
  GROUP,
  NOW,
  SKU,
  addCost,
  ago,
  dayAgo,
  openTestStore,
  policy,
  recordRuns,
  saveUsers,
  seedCatalog,
  silent,
  user,
} from './fixtures';

/**
 * The exported API over a small tenant: two currencies, a list price, a group-inherited license,
 * an unmanaged SKU, excluded users; every figure is checked by hand.
 */
const inactive = {
  lastSuccessfulSignInDateTime: ago(125),
  lastNonInteractiveSignInDateTime: ago(130),
  lastSignInDateTime: ago(3),
  lastActivityDate: dayAgo(121),
};
const people = {
  direct: user({ ...inactive, userPrincipalName: 'ines.direct@contoso.com' }),
  grouped: user({
    ...inactive,
    userPrincipalName: 'gus.group@contoso.com',
    lastSuccessfulSignInDateTime: ago(200),
    lastNonInteractiveSignInDateTime: ago(200),
    lastActivityDate: dayAgo(201),
    licenses: [{ skuId: SKU.e3.skuId, assignedByGroup: GROUP.e3.id }],
  }),
  neverEur: user({
    ...silent,
    userPrincipalName: 'nina.never@contoso.com',
    licenses: [{ skuId: SKU.pbi.skuId, assignedByGroup: '' }],
  }),
  neverMfa: user({ ...silent, userPrincipalName: 'max.mfa@contoso.com', mfaRegistered: true }),
  blocked: user({
    userPrincipalName: 'bob.blocked@contoso.com',
    accountEnabled: false,
    licenses: [
      { skuId: SKU.e5.skuId, assignedByGroup: '' },
      { skuId: SKU.unmanaged.skuId, assignedByGroup: '' },
    ],
  }),
  blockedBare: user({ userPrincipalName: 'bea.bare@contoso.com', accountEnabled: false, licenses: [] }),
  guest: user({ ...inactive, userPrincipalName: 'gina_fabrikam.com#EXT#@contoso.com', userType: 'Guest' }),
  unmanagedOnly: user({
    ...silent,
    userPrincipalName: 'uma.unmanaged@contoso.com',
    licenses: [{ skuId: SKU.unmanaged.skuId, assignedByGroup: '' }],
  }),
  mailOnly: user({ userPrincipalName: 'dan.downgrade@contoso.com' }),
  desktop: user({ userPrincipalName: 'doris.desktop@contoso.com' }),
  both: user({
    userPrincipalName: 'olga.overlap@contoso.com',
    licenses: [
      { skuId: SKU.e3.skuId, assignedByGroup: '' },
      { skuId: SKU.e5.skuId, assignedByGroup: '' },
    ],
  }),
};
const app = (userId: string, name: string, date: string, source = 'report') => ({
  userId,
  app: name,
  lastActivityDate: date,
  source,
  asOf: dayAgo(2),
});

describe('insights API over a small tenant', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  const p = policy();

  before(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    await addCost(store, SKU.e3.skuId, { cost: '432', currency: 'USD', paymentFrequency: 'annual' });
    await addCost(store, SKU.basic.skuId, { cost: '6', currency: 'USD', paymentFrequency: 'monthly' });
    await addCost(store, SKU.pbi.skuId, { cost: '9.40', currency: 'EUR', paymentFrequency: 'monthly' });
    await saveUsers(store, Object.values(people), [
      app(people.direct.id, 'teams', dayAgo(121)),
      app(people.direct.id, 'exchange', dayAgo(130)),
      app(people.direct.id, 'powerbi', ago(125), 'signin'),
      app(people.mailOnly.id, 'exchange', dayAgo(2)),
      app(people.mailOnly.id, 'teams', dayAgo(3)),
      app(people.desktop.id, 'exchange', dayAgo(2)),
    ]);
    await store.getRepository(TenantUser).update(people.desktop.id, { usesWindows: true });
    // A first sync older than the threshold, then today's: the history is long enough for high confidence.
    await recordRuns(store, { at: ago(200) });
    await recordRuns(store);
  });
  after(() => close());

  it('summary: counts flagged and excluded per kind, and waste per currency (list price marked)', async () => {
    const s = await summary(store, p, NOW);
    assert.deepEqual(s.counts.inactive, { flagged: 2, excluded: 1, excludedBy: { guest: 1 } });
    assert.deepEqual(s.counts.never, { flagged: 2, excluded: 0, excludedBy: {} });
    assert.deepEqual(s.counts.blocked, { flagged: 1, excluded: 0, excludedBy: {} });
    assert.deepEqual(s.users, { total: 11, enabled: 9, licensed: 9 });
    // inactive 36 + 36 (E3 432/year), never 36 (E3) + 9.40 EUR, blocked 57 (E5 list price; the unmanaged SKU counts nowhere)
    // Each figure says whether its costs were entered or list prices.
    assert.deepEqual(s.waste.byKind.inactive, [{ currency: 'USD', amount: '72.00', source: 'entered' }]);
    assert.deepEqual(s.waste.byKind.never, [
      { currency: 'EUR', amount: '9.40', source: 'entered' },
      { currency: 'USD', amount: '36.00', source: 'entered' },
    ]);
    assert.deepEqual(s.waste.byKind.blocked, [{ currency: 'USD', amount: '57.00', source: 'list-price' }]);
    assert.deepEqual(s.waste.total, [
      { currency: 'EUR', amount: '9.40', source: 'entered' },
      { currency: 'USD', amount: '165.00', source: 'mixed' },
    ]);
    assert.equal(s.waste.listPrice, true);
    assert.equal(s.confidence.level, 'high');
  });

  it('lists inactive users by cost, explains evidence, and marks the group-inherited license', async () => {
    const page = await listFindings(store, { kind: 'inactive', sort: 'daysInactive' }, p, NOW);
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.items.map((f) => f.userPrincipalName),
      ['gus.group@contoso.com', 'ines.direct@contoso.com'],
    );
    const [grouped, direct] = page.items as [Finding, Finding];
    assert.deepEqual(
      grouped.licenses.map((l) => [l.skuPartNumber, l.reclaimable, l.note]),
      [['SPE_E3', false, 'not reclaimable directly — assigned by group LIC - Microsoft 365 E3 (All Staff)']],
    );
    assert.deepEqual(direct.monthlyCost, [{ currency: 'USD', amount: '36.00' }]);
    assert.equal(direct.evidence.latest?.source, 'app activity');
    assert.equal(direct.evidence.daysSinceLatest, 121);
    assert.equal(direct.evidence.lastSignInAttempt, ago(3), 'the failed attempt is shown but not counted');
    assert.deepEqual(
      direct.evidence.apps.map((a) => a.app),
      ['teams', 'powerbi', 'exchange'],
    );
  });

  it('shows excluded users with their reason instead of dropping them', async () => {
    const page = await listFindings(store, { kind: 'inactive', status: 'excluded' }, p, NOW);
    assert.deepEqual(
      page.items.map((f) => [f.userPrincipalName, f.status, f.exclusions]),
      [
        [
          'gina_fabrikam.com#EXT#@contoso.com',
          'excluded',
          [{ code: 'guest', reason: 'Guest user (policy excludeGuests).' }],
        ],
      ],
    );
  });

  it('pages in the database: page 2 of size 1 holds the second user by cost', async () => {
    const first = await listFindings(store, { kind: 'never', sort: 'cost', pageSize: 1 }, p, NOW);
    const second = await listFindings(store, { kind: 'never', sort: 'cost', pageSize: 1, page: 2 }, p, NOW);
    // Cost sorts in the main currency (USD): the E3 holder (36 USD) before the EUR-priced one.
    assert.deepEqual(
      [first.items[0]?.userPrincipalName, second.items[0]?.userPrincipalName],
      ['max.mfa@contoso.com', 'nina.never@contoso.com'],
    );
    assert.equal(second.total, 2);
    assert.deepEqual((await listFindings(store, { kind: 'never', page: 3, pageSize: 1 }, p, NOW)).items, []);
  });

  it('user: any user by UPN, with state, licenses (managed only) and evidence', async () => {
    const blocked = await userFinding(store, 'BOB.blocked@contoso.com', p, NOW);
    assert.equal(blocked?.state, 'blocked');
    assert.deepEqual(
      blocked?.licenses.map((l) => [l.skuPartNumber, l.monthlyCost]),
      [['SPE_E5', { amount: '57.00', currency: 'USD', source: 'list-price' }]],
    );
    assert.equal(blocked?.finding?.listPrice, true);
    assert.equal((await userFinding(store, people.blockedBare.id, p, NOW))?.state, 'blocked-unlicensed');
    assert.equal((await userFinding(store, 'uma.unmanaged@contoso.com', p, NOW))?.state, 'unlicensed');
    assert.equal(await userFinding(store, 'nobody@contoso.com', p, NOW), null);
  });

  it('exports every finding of a list', async () => {
    const all: Finding[] = [];
    for await (const f of exportFindings(store, { kind: 'inactive', status: 'all' }, p, NOW)) all.push(f);
    assert.equal(all.length, 3);
  });

  it('spend: per SKU per month, totals per currency, unmanaged SKUs listed but not counted', async () => {
    const s = await spendSummary(store, p, NOW);
    const line = (part: string) => s.lines.find((l) => l.skuPartNumber === part)!;
    assert.deepEqual(line('SPE_E3').monthlyPerLicense, { amount: '36.00', currency: 'USD', source: 'entered' });
    assert.deepEqual(line('SPE_E3').monthlyTotal, { currency: 'USD', amount: '360.00' });
    assert.deepEqual(line('SPE_E5').monthlyPerLicense, { amount: '57.00', currency: 'USD', source: 'list-price' });
    assert.deepEqual(line('EXCHANGESTANDARD').flags, ['unmanaged']);
    // 10 consumed each: E3 360 + E5 570 + Basic 60 + Free 0 = 990 USD; Power BI Pro 94 EUR.
    assert.deepEqual(s.totals, [
      { currency: 'EUR', amount: '94.00' },
      { currency: 'USD', amount: '990.00' },
    ]);
    assert.equal(s.listPrice, true);
  });

  it('says on every finding, blocked ones too, when an excluded group of the policy is unknown to the store', async () => {
    const codes = async (excludedGroups: string[], kind: 'inactive' | 'blocked') =>
      (await listFindings(store, { kind, pageSize: 50 }, { ...p, excludedGroups }, NOW)).items.map((f) =>
        f.confidence.notes.filter((n) => n.code === 'excluded-group-unknown').map((n) => n.text),
      );
    for (const kind of ['inactive', 'blocked'] as const) {
      const unknown = await codes(['Executives', GROUP.excluded.displayName], kind);
      assert.ok(unknown.length > 0);
      for (const notes of unknown)
        assert.deepEqual(notes, [
          'The policy excludes the group(s) "Executives", which the last sync did not find: their members are not excluded until a sync reads them (run `sync`, or check the name).',
        ]);
      assert.ok((await codes([GROUP.excluded.displayName], kind)).every((notes) => notes.length === 0));
    }
  });

  it('downgrades: mail and Teams only on E3 → Business Basic; Office desktop use keeps E3', async () => {
    const d = await downgrades(store, {}, p, NOW);
    assert.equal(d.total, 1);
    const [c] = d.items;
    assert.equal(c?.userPrincipalName, 'dan.downgrade@contoso.com');
    assert.deepEqual(
      [c?.from.skuPartNumber, c?.to.skuPartNumber, c?.monthlySaving],
      ['SPE_E3', 'O365_BUSINESS_ESSENTIALS', { currency: 'USD', amount: '30.00' }],
    );
    assert.deepEqual(c?.usedServices, ['Microsoft Exchange Server', 'Microsoft Teams']);
    assert.ok(c?.lostPlans.includes('INTUNE_A') && c.lostPlans.includes('OFFICESUBSCRIPTION'));
    assert.deepEqual(d.groups, [
      {
        from: 'Microsoft 365 E3',
        to: 'Microsoft 365 Business Basic',
        users: 1,
        monthlySaving: { currency: 'USD', amount: '30.00' },
      },
    ]);
  });

  it('overlaps: E3 next to E5 is redundant', async () => {
    const o = await overlaps(store, {}, p, NOW);
    assert.deepEqual(
      o.items.map((i) => [i.userPrincipalName, i.redundant.skuPartNumber, i.coveredBy.skuPartNumber]),
      [['olga.overlap@contoso.com', 'SPE_E3', 'SPE_E5']],
    );
    assert.deepEqual(o.groups[0]?.monthlySaving, { currency: 'USD', amount: '36.00' });
  });

  it('differentiation: holders per SKU and per service in 30 / 90 days', async () => {
    const rows = await differentiation(store, p, NOW);
    const e3 = rows.find((r) => r.skuPartNumber === 'SPE_E3')!;
    // E3 holders: direct, grouped, neverMfa, guest, mailOnly, desktop, both.
    assert.equal(e3.holders, 7);
    const teams = e3.services.find((s) => s.app === 'teams')!;
    assert.deepEqual([teams.active30, teams.active90], [1, 1]);
    assert.equal(e3.services.find((s) => s.app === 'exchange')?.active30, 2);
    assert.equal(e3.idle90, 5);
    assert.equal(
      rows.some((r) => r.skuPartNumber === 'EXCHANGESTANDARD'),
      false,
      'unmanaged SKUs are left out',
    );
    // The per-SKU scans (used beyond 52 managed SKUs) give the same figures as the mask groups.
    const window = (days: number) => ({ day: dayAgo(days + 3), instant: ago(days) });
    const ids = rows.map((r) => r.skuId);
    const [holders, scans] = await Promise.all([
      holdersPerSku(store, ids),
      activeHoldersPerSkuService(store, ids, window(30), window(90)),
    ]);
    for (const row of rows) {
      assert.equal(holders.get(row.skuId) ?? 0, row.holders, row.skuPartNumber);
      for (const service of row.services) {
        const scan = scans.find((x) => x.skuId === row.skuId && x.app === service.app);
        assert.deepEqual(
          [scan?.short ?? 0, scan?.long ?? 0],
          [service.active30, service.active90],
          `${row.skuPartNumber} ${service.app}`,
        );
      }
      assert.equal(row.holders - (scans.find((x) => x.skuId === row.skuId && x.app === null)?.long ?? 0), row.idle90);
    }
  });
});
