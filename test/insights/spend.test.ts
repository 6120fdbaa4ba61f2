import assert from 'node:assert/strict';
import { CurrencyTotals, differenceByCurrency, divide, formatAmount, parseAmount } from '../../src/insights/money';
import { LIST_PRICES, listPriceFor } from '../../src/insights/list-prices';
import { monthlyOf, priceOf, termMonths, type CostRecord } from '../../src/insights/spend';
import { SKU } from './fixtures';

const record = (r: Partial<CostRecord>): CostRecord => ({
  cost: '10',
  currency: 'USD',
  paymentFrequency: 'monthly',
  effectiveDate: null,
  expirationDate: null,
  source: 'entered',
  ...r,
});
const monthly = (r: Partial<CostRecord>) => {
  const out = monthlyOf(record(r));
  return 'monthly' in out ? formatAmount(out.monthly) : out.flag;
};
const TODAY = '2025-06-01';

describe('insights: spend', () => {
  describe('money', () => {
    it('parses decimal text exactly and rounds half away from zero', () => {
      assert.equal(parseAmount('432'), 432_000_000n);
      assert.equal(parseAmount('0.1'), 100_000n);
      assert.equal(parseAmount('12,5'), null);
      assert.equal(parseAmount('abc'), null);
      assert.equal(formatAmount(divide(parseAmount('100')!, 3n)), '33.33');
      assert.equal(formatAmount(divide(parseAmount('0.05')!, 2n)), '0.03');
    });

    it('never adds different currencies', () => {
      const totals = new CurrencyTotals();
      totals.add('usd', parseAmount('36')!);
      totals.add('EUR', parseAmount('9.40')!);
      totals.add('USD', parseAmount('0.1')!);
      assert.deepEqual(totals.list(), [
        { currency: 'EUR', amount: '9.40' },
        { currency: 'USD', amount: '36.10' },
      ]);
    });

    it("subtracts per currency exactly, keeping a currency found on one side only (the digest's change since last week)", () => {
      const now = [
        { currency: 'USD', amount: '100.10' },
        { currency: 'EUR', amount: '5.00' },
      ];
      const before = [
        { currency: 'USD', amount: '0.20' },
        { currency: 'GBP', amount: '1.00' },
        { currency: 'EUR', amount: '-2.50' },
      ];
      assert.deepEqual(differenceByCurrency(now, before), [
        { currency: 'EUR', amount: '7.50' },
        { currency: 'GBP', amount: '-1.00' },
        { currency: 'USD', amount: '99.90' },
      ]);
    });

    it('sums 100,000 licenses at 1/3 cent without drift', () => {
      const totals = new CurrencyTotals();
      const third = divide(parseAmount('0.01')!, 3n);
      for (let i = 0; i < 100_000; i++) totals.add('USD', third);
      assert.deepEqual(totals.list(), [{ currency: 'USD', amount: '333.30' }]);
    });
  });

  describe('normalisation to a month', () => {
    const cases: [Partial<CostRecord>, string][] = [
      [{ cost: '36', paymentFrequency: 'monthly' }, '36.00'],
      [{ cost: '108', paymentFrequency: 'Quarterly' }, '36.00'],
      [{ cost: '216', paymentFrequency: 'semi-annual' }, '36.00'],
      [{ cost: '432', paymentFrequency: 'annual' }, '36.00'],
      [{ cost: '432', paymentFrequency: 'Yearly' }, '36.00'],
      [{ cost: '1296', paymentFrequency: 'triennial' }, '36.00'],
      [
        { cost: '1200', paymentFrequency: 'one-time', effectiveDate: '2025-01-01', expirationDate: '2025-12-31' },
        '100.00',
      ],
      [{ cost: '1200', paymentFrequency: 'one-time' }, 'one-time-without-term'],
      [{ cost: '10', paymentFrequency: 'fortnightly' }, 'unknown-frequency'],
      [{ cost: '-1', paymentFrequency: 'monthly' }, 'bad-amount'],
    ];
    for (const [input, want] of cases)
      it(`${input.cost} ${input.paymentFrequency} → ${want}`, () => assert.equal(monthly(input), want));

    it('counts a one-time term in whole months, expiration day included', () => {
      assert.equal(termMonths('2025-01-01', '2025-12-31'), 12);
      assert.equal(termMonths('2025-01-15', '2025-02-14'), 1);
      assert.equal(termMonths('2025-01-01', '2025-01-01'), 1);
    });
  });

  describe('the price in force', () => {
    const e3 = { skuId: SKU.e3.skuId, skuPartNumber: SKU.e3.skuPartNumber };
    it('uses the entered record in force, newest effective date first', () => {
      const p = priceOf(
        e3,
        [
          record({ cost: '30', effectiveDate: '2024-01-01' }),
          record({ cost: '33', effectiveDate: '2025-01-01', expirationDate: '2025-12-31' }),
        ],
        TODAY,
      );
      assert.equal(formatAmount(p.monthly!), '33.00');
      assert.equal(p.source, 'entered');
    });

    it("an admin's correction wins: an undated record counts from the day it was entered, and on a tie the last entered", () => {
      const dated = record({ cost: '36', effectiveDate: '2025-01-01', enteredOn: '2025-01-02' });
      assert.equal(
        formatAmount(priceOf(e3, [dated, record({ cost: '30', enteredOn: '2025-05-20' })], TODAY).monthly!),
        '30.00',
      );
      assert.equal(
        formatAmount(priceOf(e3, [dated, record({ cost: '31', effectiveDate: '2025-01-01' })], TODAY).monthly!),
        '31.00',
      );
      // A record for an earlier period entered later does not replace the current price.
      assert.equal(
        formatAmount(
          priceOf(e3, [dated, record({ cost: '20', effectiveDate: '2024-01-01', enteredOn: '2025-05-20' })], TODAY)
            .monthly!,
        ),
        '36.00',
      );
    });

    it('an expired entered cost gives way to the list price, and is flagged', () => {
      const p = priceOf(e3, [record({ effectiveDate: '2024-01-01', expirationDate: '2025-05-31' })], TODAY);
      assert.deepEqual([formatAmount(p.monthly!), p.source, p.flags], ['36.00', 'list-price', ['expired']]);
    });

    it('a not-yet-effective entered cost leaves the list price in force until its date, flagged', () => {
      const p = priceOf(e3, [record({ effectiveDate: '2025-07-01' })], TODAY);
      assert.deepEqual([formatAmount(p.monthly!), p.source, p.flags], ['36.00', 'list-price', ['not-yet-effective']]);
    });

    it('without a list price, an expired entered cost counts nothing', () => {
      const p = priceOf(
        { skuId: '00000000-0000-0000-0000-000000000000', skuPartNumber: 'NOPE' },
        [record({ expirationDate: '2025-05-31' })],
        TODAY,
      );
      assert.deepEqual([p.monthly, p.source, p.flags], [null, 'entered', ['expired']]);
    });

    it('without entered records, the shipped list price, marked as such', () => {
      const p = priceOf(e3, [], TODAY);
      assert.deepEqual([formatAmount(p.monthly!), p.currency, p.source], ['36.00', 'USD', 'list-price']);
    });

    it('multi-year and one-time costs spread over the months they cover', () => {
      assert.equal(monthly({ cost: '1800', paymentFrequency: 'multi-year', termMonths: 36 }), '50.00');
      assert.equal(monthly({ cost: '1800', paymentFrequency: 'multi-year' }), 'one-time-without-term');
      assert.equal(monthly({ cost: '240', paymentFrequency: 'one-time', termMonths: 24 }), '10.00');
    });

    it('an unknown SKU without records is unpriced', () => {
      assert.deepEqual(
        priceOf({ skuId: '00000000-0000-0000-0000-000000000000', skuPartNumber: 'NOPE' }, [], TODAY).flags,
        ['unpriced'],
      );
    });
  });

  describe('the list-price table', () => {
    it('cites a Microsoft page, a currency and a date for every price', () => {
      assert.ok(LIST_PRICES.length >= 10);
      for (const p of LIST_PRICES) {
        assert.match(p.source, /^https:\/\/www\.microsoft\.com\//, p.skuPartNumber);
        assert.match(p.validFrom, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(p.currency, 'USD');
      }
    });

    it('finds prices by skuId, then by part number', () => {
      assert.equal(listPriceFor(SKU.e5.skuId.toUpperCase(), 'whatever')?.cost, '57.00');
      assert.equal(listPriceFor('00000000-0000-0000-0000-000000000000', 'standardpack')?.product, 'Office 365 E1');
    });
  });
});
