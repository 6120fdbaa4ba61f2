import assert from 'node:assert/strict';
import type { SkuInfo } from '../../src/insights/context';
import { downgradeOptions, overlapOptions } from '../../src/insights/downgrades';
import type { Service } from '../../src/insights/services';
import { SKU } from './fixtures';

/** The pure downgrade and overlap rules, including licenses assigned with a service plan turned off. */
const MICROS = 1_000_000n;
const info = (s: (typeof SKU)[keyof typeof SKU], usd: number): SkuInfo => ({
  ...s,
  servicePlans: [...s.servicePlans],
  managed: true,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 1,
  prepaidUnits: 10,
  price: { record: null, monthly: BigInt(usd) * MICROS, currency: 'USD', source: 'entered', flags: [] },
});
const e3 = info(SKU.e3, 36);
const e5 = info(SKU.e5, 57);
const basic = info(SKU.basic, 6);
const pbi = info(SKU.pbi, 10);
const owned = [e3, e5, basic, pbi];
const uses = (...s: Service[]) => new Set<Service>(s);
const parts = (o: { from: SkuInfo; to: SkuInfo }[]) => o.map((d) => `${d.from.skuPartNumber}>${d.to.skuPartNumber}`);

describe('insights: downgrade and overlap rules', () => {
  it('E3 next to E5 is an overlap, unless E5 is assigned with a plan turned off', () => {
    assert.deepEqual(
      overlapOptions([e3, e5]).map((o) => [o.redundant.skuPartNumber, o.coveredBy.skuPartNumber]),
      [['SPE_E3', 'SPE_E5']],
    );
    // With Exchange off on E5, the user's mail may come from E3: removing it could take their mailbox.
    assert.deepEqual(overlapOptions([e3, e5], new Set([e5.skuId])), []);
    // A plan off on the redundant license only makes it give less: still inside E5.
    assert.equal(overlapOptions([e3, e5], new Set([e3.skuId])).length, 1);
  });

  it('a service another license gives is not needed from the downgraded one, unless that license has a plan off', () => {
    // E5 + Power BI Pro, using mail and Power BI: Power BI comes from Power BI Pro, so E5 → Business Basic.
    assert.deepEqual(parts(downgradeOptions([e5, pbi], uses('exchange', 'powerbi'), owned)), [
      'SPE_E5>O365_BUSINESS_ESSENTIALS',
    ]);
    // Power BI Pro assigned with its plan off gives nothing to count on: Power BI must stay on E5's replacement.
    assert.deepEqual(parts(downgradeOptions([e5, pbi], uses('exchange', 'powerbi'), owned, new Set([pbi.skuId]))), []);
  });

  it('offers no downgrade for a license that gives the user nothing they used, nor to a SKU of another currency or not cheaper', () => {
    assert.deepEqual(downgradeOptions([e3], uses(), owned), []);
    assert.deepEqual(parts(downgradeOptions([e3], uses('teams'), owned)), ['SPE_E3>O365_BUSINESS_ESSENTIALS']);
    const euroBasic: SkuInfo = { ...basic, price: { ...basic.price, currency: 'EUR' } };
    assert.deepEqual(downgradeOptions([e3], uses('teams'), [e3, euroBasic]), []);
    assert.deepEqual(downgradeOptions([basic], uses('teams'), owned), []);
  });
});
