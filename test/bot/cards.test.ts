import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_NAMES, renderCard } from '../../src/bot/cards/render';
import { cardProblems } from '../helpers/card-validator';
import { renderUnbound } from '../helpers/render-unbound';
import { templateReadProblems } from '../helpers/template-reads';
import { findingsCardData } from '../../src/bot/cards/findings';
import { licensesCardData } from '../../src/bot/cards/licenses';
import { spendCardData } from '../../src/bot/cards/spend';
import type { SpendLine } from '../../src/insights';
import { CARD_SAMPLES, SAMPLE_NOW, sampleFinding } from './card-samples';
import { CARD_VARIANTS } from './card-variants';

const TEMPLATES = join(__dirname, '..', '..', 'src', 'bot', 'cards', 'templates');

describe('card templates', () => {
  it('every template is a card name (and so has a data type and samples)', () => {
    assert.deepEqual(
      readdirSync(TEMPLATES)
        .map((file) => file.replace(/\.json$/, ''))
        .sort(),
      [...CARD_NAMES].sort(),
    );
  });

  for (const name of CARD_NAMES) {
    const samples = [CARD_SAMPLES[name], ...CARD_VARIANTS[name]];

    it(`${name}: every sample renders with no unbound field, zero warnings from the official parser, version 1.5, under 28 KB`, () => {
      samples.forEach((sample, i) => {
        const { card, unbound } = renderUnbound(name, sample());
        assert.deepEqual(unbound, [], `sample ${i}`);
        assert.deepEqual(cardProblems(card), [], `sample ${i}`);
      });
    });

    it(`${name}: the template reads only what its data has, all of it, and the samples show and hide each optional part`, () => {
      const template: unknown = JSON.parse(readFileSync(join(TEMPLATES, `${name}.json`), 'utf8'));
      assert.deepEqual(
        templateReadProblems(
          name,
          template,
          samples.map((sample) => sample()),
        ),
        [],
      );
    });
  }

  it('a full page of the longest rows stays under the 28 KB limit', () => {
    const license = (n: number) => ({
      skuId: `sku-${n}`,
      skuPartNumber: `SKU_WITH_A_LONG_PART_NUMBER_${n}`,
      friendlyName: `Microsoft 365 E5 (no Teams) with a very long product name ${n}`,
      direct: true,
      groups: [{ id: `g${n}`, name: `LIC - A group with a rather long display name ${n}` }],
      reclaimable: false,
      note: 'not reclaimable directly',
      monthlyCost: { amount: '57.00', currency: 'USD', source: 'entered' as const },
      costNote: null,
    });
    const items = Array.from({ length: 10 }, (_, i) => {
      const f = sampleFinding(
        'inactive',
        `${'Maximilian-Alexander '.repeat(3)}${i}`,
        400,
        [1, 2, 3, 4, 5, 6].map(license),
      );
      f.userPrincipalName = `${'maximilian.alexander.'.repeat(4)}${i}@a-very-long-tenant-domain-name.onmicrosoft.com`;
      f.confidence.notes = [
        {
          code: 'no-sign-in-data',
          text: 'Sign-in data unavailable (Permission AuditLog.Read.All is not granted.): evidence of use comes from usage reports only; nobody is called never logged in.',
        },
      ];
      return f;
    });
    const card = renderCard(
      'findings',
      findingsCardData({
        page: { kind: 'inactive', status: 'flagged', sort: 'cost', page: 3, pageSize: 10, total: 100_000, items },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: 'Demo mode: this is a simulated tenant.',
        exportUrl: `https://x.example/api/export/findings.csv?${'a'.repeat(300)}`,
      }),
    );
    assert.deepEqual(cardProblems(card), []);
  });

  it("the reclaim preview's total is the exact sum of the items' savings per currency", () => {
    assert.equal(CARD_SAMPLES['reclaim-preview']().total, '2 request(s) · 50.00 USD a month');
  });

  it('the excluded view of a list: each row says why, no reclaim button, and a way back to the flagged users', () => {
    const f = sampleFinding('inactive', 'Gina Guest', 200);
    const excluded = {
      ...f,
      status: 'excluded' as const,
      exclusions: [{ code: 'guest' as const, reason: 'Guest account (policy excludeGuests).' }],
    };
    const card = renderCard(
      'findings',
      findingsCardData({
        page: {
          kind: 'inactive',
          status: 'excluded',
          sort: 'cost',
          page: 1,
          pageSize: 10,
          total: 1,
          items: [excluded],
        },
        thresholdDays: 90,
        now: SAMPLE_NOW,
        banner: 'Demo.',
        exportUrl: null,
        reclaim: true,
      }),
    );
    assert.deepEqual(cardProblems(card), []);
    const json = JSON.stringify(card);
    assert.match(json, /Inactive users: excluded by policy/);
    assert.match(json, /Excluded: Guest account/);
    assert.doesNotMatch(json, /Request reclamation/);
    assert.match(json, /"title":"Show flagged","verb":"findings.page","data":\{"list":"inactive","page":1\}/);
  });

  it('licenses and spend stay under 28 KB for a tenant with 80 subscribed SKUs, saying what is left out', () => {
    const lines: SpendLine[] = Array.from({ length: 80 }, (_, i) => ({
      skuId: `sku-${i}`,
      skuPartNumber: `A_LONG_SKU_PART_NUMBER_${i}`,
      friendlyName: `Dynamics 365 Customer Engagement Plan with a long name ${i}`,
      managed: i % 3 !== 0,
      consumedUnits: i * 10,
      prepaidUnits: i * 12,
      cost: {
        amount: '95.00',
        currency: 'EUR',
        paymentFrequency: 'monthly',
        effectiveDate: '2025-01-01',
        expirationDate: '2026-12-31',
        source: 'entered',
      },
      monthlyPerLicense: { amount: '95.00', currency: 'EUR', source: 'entered' },
      monthlyTotal: { amount: String(i * 950), currency: 'EUR' },
      source: 'entered',
      flags: ['expired', 'unmanaged'],
    }));
    const licenses = renderCard('licenses', licensesCardData({ lines, usage: [], banner: 'Demo.' }));
    assert.deepEqual(cardProblems(licenses), []);
    // The 27 unmanaged SKUs are not shown ("Show unmanaged" adds them): 53 managed, 20 shown.
    assert.match(JSON.stringify(licenses), /33 more SKU\(s\)/);
    const spend = renderCard(
      'spend',
      spendCardData({
        spend: { at: SAMPLE_NOW.toISOString(), lines, totals: [{ currency: 'EUR', amount: '1.00' }], listPrice: false },
        banner: 'Demo.',
      }),
    );
    assert.deepEqual(cardProblems(spend), []);
    assert.match(JSON.stringify(spend), /33 smaller line\(s\)/);
  });
});
