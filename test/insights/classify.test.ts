import assert from 'node:assert/strict';
import { classify } from '../../src/insights/classify';
import { ruleParams, type RuleParams } from '../../src/insights/rule-params';
import { CASES, type RuleCase } from './cases';
import { GROUP, NOW, SKU, policy } from './fixtures';

/** The rule parameters a case runs under: its policy and data availability over the fixture tenant. */
export function paramsFor(c: Pick<RuleCase, 'policy' | 'data'>): RuleParams {
  return ruleParams({
    policy: policy(c.policy),
    now: NOW,
    skus: Object.entries(SKU).map(([key, s]) => ({
      skuId: s.skuId,
      managed: key !== 'unmanaged',
      free: key === 'free',
    })),
    groups: Object.values(GROUP),
    data: { signIns: c.data?.signIns ?? true, reports: c.data?.reports ?? true },
  }).params;
}

describe('insights: classification rules (pure)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = classify(c.user, paramsFor(c));
      assert.deepEqual(got, { state: c.expect.state, exclusions: c.expect.exclusions ?? [] });
    });
  }

  it('resolves excluded groups by name, case-insensitively, and reports names it cannot find', () => {
    const { params, unresolvedGroups } = ruleParams({
      policy: policy({ excludedGroups: ['license steward - EXCLUDED', 'No Such Group'] }),
      now: NOW,
      skus: [],
      groups: Object.values(GROUP),
      data: { signIns: true, reports: true },
    });
    assert.deepEqual(params.excludedGroupIds, [GROUP.excluded.id]);
    assert.deepEqual(unresolvedGroups, ['No Such Group']);
  });

  it('allows for the report lag on app days only, through the day cutoff', () => {
    const p = paramsFor({});
    assert.equal(p.recentSince, '2025-03-03T12:00:00Z');
    assert.equal(p.recentSinceDay, '2025-02-28');
    assert.equal(p.graceSince, '2025-05-02T12:00:00Z');
  });
});
