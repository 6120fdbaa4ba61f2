import assert from 'node:assert/strict';
import { CARD_NAMES, renderCard } from '../../src/bot/cards/render';
import { cardProblems } from '../helpers/card-validator';
import { findingsCardData } from '../../src/bot/cards/findings';
import { licensesCardData } from '../../src/bot/cards/licenses';
import { spendCardData } from '../../src/bot/cards/spend';
import type { SpendLine } from '../../src/insights';
import { CARD_SAMPLES, SAMPLE_NOW, sampleFinding } from './card-samples';

describe('card templates', () => {
  it('every template has sample data', () => {
    assert.deepEqual(CARD_NAMES.filter((name) => !CARD_SAMPLES[name]), []);
  });

  for (const name of CARD_NAMES) {
    it(`${name}: renders its sample with zero warnings from the official parser, version 1.5, under 28 KB`, function () {
      const sample = CARD_SAMPLES[name];
      if (!sample) this.skip();
      const card = renderCard(name, sample!());
      assert.deepEqual(cardProblems(card), []);
      assert.doesNotMatch(JSON.stringify(card), /\$\{/, 'no unexpanded template expression');
    });
  }

  it('a full page of the longest rows stays under the 28 KB limit', () => {
    const license = (n: number) => ({
      skuId: `sku-${n}`, skuPartNumber: `SKU_WITH_A_LONG_PART_NUMBER_${n}`, friendlyName: `Microsoft 365 E5 (no Teams) with a very long product name ${n}`,
      direct: true, groups: [{ id: `g${n}`, name: `LIC - A group with a rather long display name ${n}` }], reclaimable: false,
      note: 'not reclaimable directly', monthlyCost: { amount: '57.00', currency: 'USD', source: 'entered' as const }, costNote: null,
    });
    const items = Array.from({ length: 10 }, (_, i) => {
      const f = sampleFinding('inactive', `${'Maximilian-Alexander '.repeat(3)}${i}`, 400, [1, 2, 3, 4, 5, 6].map(license));
      f.userPrincipalName = `${'maximilian.alexander.'.repeat(4)}${i}@a-very-long-tenant-domain-name.onmicrosoft.com`;
      f.confidence.notes = [{ code: 'no-sign-in-data', text: 'Sign-in data unavailable (Permission AuditLog.Read.All is not granted.): evidence of use comes from usage reports only; nobody is called never logged in.' }];
      return f;
    });
    const card = renderCard('findings', findingsCardData({
      page: { kind: 'inactive', status: 'flagged', sort: 'cost', page: 3, pageSize: 10, total: 100_000, items },
      thresholdDays: 90, now: SAMPLE_NOW, banner: 'Demo mode: this is a simulated tenant.', exportUrl: `https://x.example/api/export/findings.csv?${'a'.repeat(300)}`,
    }));
    assert.deepEqual(cardProblems(card), []);
  });

  it('the excluded view of a list: each row says why, no reclaim button, and a way back to the flagged users', () => {
    const f = sampleFinding('inactive', 'Gina Guest', 200);
    const excluded = { ...f, status: 'excluded' as const, exclusions: [{ code: 'guest' as const, reason: 'Guest account (policy excludeGuests).' }] };
    const card = renderCard('findings', findingsCardData({
      page: { kind: 'inactive', status: 'excluded', sort: 'cost', page: 1, pageSize: 10, total: 1, items: [excluded] },
      thresholdDays: 90, now: SAMPLE_NOW, banner: 'Demo.', exportUrl: null, reclaim: true,
    }));
    assert.deepEqual(cardProblems(card), []);
    const json = JSON.stringify(card);
    assert.match(json, /Inactive users: excluded by policy/);
    assert.match(json, /Excluded: Guest account/);
    assert.doesNotMatch(json, /Request reclamation/);
    assert.match(json, /"title":"Show flagged","verb":"findings.page","data":\{"list":"inactive","page":1\}/);
  });

  it('licenses and spend stay under 28 KB for a tenant with 80 subscribed SKUs, saying what is left out', () => {
    const lines: SpendLine[] = Array.from({ length: 80 }, (_, i) => ({
      skuId: `sku-${i}`, skuPartNumber: `A_LONG_SKU_PART_NUMBER_${i}`, friendlyName: `Dynamics 365 Customer Engagement Plan with a long name ${i}`, managed: i % 3 !== 0,
      consumedUnits: i * 10, prepaidUnits: i * 12, cost: { amount: '95.00', currency: 'EUR', paymentFrequency: 'monthly', effectiveDate: '2025-01-01', expirationDate: '2026-12-31', source: 'entered' },
      monthlyPerLicense: { amount: '95.00', currency: 'EUR', source: 'entered' }, monthlyTotal: { amount: String(i * 950), currency: 'EUR' }, source: 'entered', flags: ['expired', 'unmanaged'],
    }));
    const licenses = renderCard('licenses', licensesCardData({ lines, usage: [], banner: 'Demo.' }));
    assert.deepEqual(cardProblems(licenses), []);
    assert.match(JSON.stringify(licenses), /60 more SKU\(s\)/);
    const spend = renderCard('spend', spendCardData({ spend: { at: SAMPLE_NOW.toISOString(), lines, totals: [{ currency: 'EUR', amount: '1.00' }], listPrice: false }, banner: 'Demo.' }));
    assert.deepEqual(cardProblems(spend), []);
    assert.match(JSON.stringify(spend), /60 smaller line\(s\)/);
  });
});
