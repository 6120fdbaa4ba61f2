import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { classify, exclusionsFor } from '../../src/insights/classify';
import type { RuleParams } from '../../src/insights/rule-params';
import { pageFindingIds, userStates, type StatusFilter } from '../../src/insights/sql/findings-query';
import { summaryGroups } from '../../src/insights/sql/summary-groups';
import type { UserFacts } from '../../src/insights/sql/user-facts';
import { ruleSql } from '../../src/insights/sql/user-state-sql';
import { groupState } from '../../src/insights/summary';
import { CASES, type RuleCase } from './cases';
import { paramsFor } from './classify.test';
import { GROUP, SKU, ago, dayAgo, openTestStore, saveUsers, seedCatalog, user } from './fixtures';

/**
 * The pure `classify` is the definition; the SQL must agree with it user by user, for every policy
 * and data variant of the rule table, over the table's users plus a seeded random population built
 * around the boundaries (threshold ± seconds, report lag days, placeholders, case, patterns).
 */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, pick };
}

function population(n: number): UserFacts[] {
  const r = random(42);
  const instants = [
    null,
    '0001-01-01T00:00:00Z',
    '',
    ago(0),
    ago(30),
    ago(89.99),
    ago(90),
    ago(90.00001),
    ago(91),
    ago(93.5),
    ago(400),
    `${ago(90).slice(0, 19)}.5000000Z`,
  ];
  const days = [null, '0001-01-01', dayAgo(1), dayAgo(89), dayAgo(92), dayAgo(93), dayAgo(94), dayAgo(500)];
  const skus = [SKU.e3.skuId, SKU.e5.skuId, SKU.free.skuId, SKU.unmanaged.skuId];
  return Array.from({ length: n }, (_, i) => {
    const licenses = skus
      .filter(() => r.next() < 0.35)
      .map((skuId) => ({ skuId, assignedByGroup: r.next() < 0.2 ? GROUP.e3.id : '' }));
    return user({
      userPrincipalName: r.pick([
        `p${i}@contoso.com`,
        `SVC-${i}@contoso.com`,
        `svc_${i}@contoso.com`,
        `Boss${i}@Contoso.com`,
      ]),
      userType: r.pick(['Member', 'Guest', 'guest']),
      accountEnabled: r.next() < 0.8,
      createdDateTime: r.pick([null, ago(5), ago(29.9), ago(30), ago(31), ago(2000)]),
      deactivatedDate: r.next() < 0.05 ? ago(2) : null,
      mfaRegistered: r.pick([true, false, null]),
      onPremisesSyncEnabled: r.pick([true, false, null]),
      mailboxType: r.pick([null, 'User', 'Shared', 'room', 'EquipmentMailbox']),
      lastSuccessfulSignInDateTime: r.pick(instants),
      lastNonInteractiveSignInDateTime: r.pick(instants),
      lastSignInDateTime: r.pick(instants),
      lastActivityDate: r.pick(days),
      licenses,
      groupIds: r.next() < 0.1 ? [GROUP.excluded.id] : [],
    });
  });
}

/** The rule table's variants plus every policy knob at once. */
const VARIANTS: Pick<RuleCase, 'policy' | 'data'>[] = [
  ...new Map(
    CASES.map((c) => [JSON.stringify([c.policy ?? {}, c.data ?? {}]), { policy: c.policy, data: c.data }]),
  ).values(),
  {
    policy: {
      inactiveDays: 30,
      graceDays: 0,
      reportLagDays: 0,
      excludeGuests: false,
      mfaRule: false,
      ssoRule: false,
      excludeResourceMailboxes: false,
      excludedUsers: ['boss7@contoso.com', 'BOSS11@CONTOSO.COM'],
      excludedGroups: [GROUP.excluded.displayName, GROUP.e3.id],
      serviceAccountPatterns: ['svc-*', 'svc_?@*', '*1@contoso.com'],
    },
  },
];

const KINDS = ['inactive', 'never', 'blocked'] as const;

describe('insights: SQL rules agree with the pure definition', function () {
  this.timeout(20_000);
  let store: DataSource;
  let close: () => Promise<void>;
  const users = [...CASES.map((c) => c.user), ...population(400)];

  before(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    await saveUsers(store, users);
  });
  after(() => close());

  const pure = (p: RuleParams) => new Map(users.map((u) => [u.id, classify(u, p)]));

  it('covers every state, and every finding kind both flagged and excluded (the comparison is not vacuous)', () => {
    const results = [...pure(paramsFor({})).values()];
    for (const state of ['inactive', 'never', 'blocked', 'active', 'unlicensed', 'blocked-unlicensed', 'deactivated']) {
      assert.ok(
        results.some((r) => r.state === state),
        state,
      );
    }
    for (const kind of KINDS) {
      assert.ok(results.filter((r) => r.state === kind && r.exclusions.length === 0).length >= 5, `${kind} flagged`);
      assert.ok(results.filter((r) => r.state === kind && r.exclusions.length > 0).length >= 5, `${kind} excluded`);
    }
  });

  for (const [i, variant] of VARIANTS.entries()) {
    it(`variant ${i + 1}: ${JSON.stringify(variant)}`, async () => {
      const params = paramsFor(variant);
      const sql = ruleSql(params);
      const expected = pure(params);
      const got = await userStates(store, sql);
      const live = users.filter((u) => u.deactivatedDate === null);
      assert.equal(got.length, live.length);
      for (const row of got) {
        const want = expected.get(row.id)!;
        const exclusions =
          row.state === 'inactive' || row.state === 'never' || row.state === 'blocked'
            ? exclusionsFor(row.state, row.flags, params)
            : [];
        assert.deepEqual(
          { state: row.state, exclusions },
          want,
          `user ${row.id} ${JSON.stringify(users.find((u) => u.id === row.id))}`,
        );
      }
      for (const kind of KINDS) {
        for (const status of ['flagged', 'excluded'] as StatusFilter[]) {
          const { ids, total } = await pageFindingIds(store, sql, { kind, status, sort: 'name' }, 0, 10_000);
          const want = users
            .filter((u) => {
              const c = expected.get(u.id)!;
              return c.state === kind && (status === 'flagged') === (c.exclusions.length === 0);
            })
            .map((u) => u.id)
            .sort();
          assert.deepEqual([...ids].sort(), want, `${kind} ${status}`);
          assert.equal(total, want.length);
        }
        // By cost: each SKU counted once (held directly and through a group), most expensive first.
        const costBySku = new Map(params.managedSkuIds.map((skuId, n) => [skuId, 5 + 7 * n]));
        const { ids } = await pageFindingIds(store, sql, { kind, status: 'all', sort: 'cost', costBySku }, 0, 10_000);
        const cost = (id: string) =>
          [...new Set(users.find((u) => u.id === id)!.licenses.map((l) => l.skuId))].reduce(
            (sum, skuId) => sum + (costBySku.get(skuId) ?? 0),
            0,
          );
        const costs = ids.map(cost);
        assert.deepEqual(
          costs,
          [...costs].sort((a, b) => b - a),
          `${kind} by cost`,
        );
        assert.ok(new Set(costs).size > 1, `${kind}: users of different costs`);
      }
      // The summary's one pass over users (SKUs from heldSkuIds) agrees with the pure rules, and so do
      // the managed SKUs it counts as each finding's waste.
      const key = (state: string, exclusions: readonly string[]) => `${state}|${exclusions.join(',')}`;
      const want = new Map<string, number>();
      const holders = new Map<string, number>();
      for (const u of live) {
        const c = expected.get(u.id)!;
        want.set(key(c.state, c.exclusions), (want.get(key(c.state, c.exclusions)) ?? 0) + 1);
        if (c.state !== 'inactive' && c.state !== 'never' && c.state !== 'blocked') continue;
        for (const skuId of new Set(u.licenses.map((l) => l.skuId))) {
          if (!(c.state === 'blocked' ? params.paidSkuIds : params.managedSkuIds).includes(skuId)) continue;
          const k = `${key(c.state, c.exclusions)}|${skuId}`;
          holders.set(k, (holders.get(k) ?? 0) + 1);
        }
      }
      const managed = params.managedSkuIds.map((skuId) => ({ skuId, paid: params.paidSkuIds.includes(skuId) }));
      const grouped = new Map<string, number>();
      const gotHolders = new Map<string, number>();
      for (const g of await summaryGroups(store, sql)) {
        const state = groupState(g, managed);
        const k = key(
          state,
          state === 'inactive' || state === 'never' || state === 'blocked' ? exclusionsFor(state, g.flags, params) : [],
        );
        grouped.set(k, (grouped.get(k) ?? 0) + g.users);
        if (state !== 'inactive' && state !== 'never' && state !== 'blocked') continue;
        for (const m of managed) {
          if (!g.skuIds.includes(m.skuId) || (state === 'blocked' && !m.paid)) continue;
          gotHolders.set(`${k}|${m.skuId}`, (gotHolders.get(`${k}|${m.skuId}`) ?? 0) + g.users);
        }
      }
      assert.deepEqual(grouped, want, 'summaryGroups');
      assert.deepEqual(gotHolders, holders, 'summaryGroups holders per SKU');
    });
  }
});
