import type { DataSource } from 'typeorm';
import { loadContext } from './context';
import { CurrencyTotals, formatAmount } from './money';
import type { Policy } from './policy';
import type { SpendLine, SpendSummary } from './types';

/**
 * License cost details per SKU normalised to a month (docs/product-rules.md R16, R31). Totals are per currency and
 * only over managed SKUs whose cost is in force; the rest are listed with a flag, never summed.
 */
export async function spendSummary(store: DataSource, policy: Policy, now: Date): Promise<SpendSummary> {
  const ctx = await loadContext(store, policy, now);
  const totals = new CurrencyTotals();
  const lines: SpendLine[] = [];
  for (const sku of ctx.skus.values()) {
    const { price } = sku;
    const flags: string[] = [...price.flags];
    if (!sku.managed) flags.push('unmanaged');
    const counted = sku.managed && price.monthly !== null && price.currency !== null;
    if (counted) totals.add(price.currency!, price.monthly! * BigInt(sku.consumedUnits));
    lines.push({
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      friendlyName: sku.friendlyName,
      managed: sku.managed,
      consumedUnits: sku.consumedUnits,
      prepaidUnits: sku.prepaidUnits,
      cost: price.record
        ? {
            amount: price.record.cost,
            currency: price.record.currency.toUpperCase(),
            paymentFrequency: price.record.paymentFrequency,
            termMonths: price.record.termMonths ?? null,
            effectiveDate: price.record.effectiveDate,
            expirationDate: price.record.expirationDate,
            source: price.record.source,
          }
        : null,
      monthlyPerLicense:
        price.monthly !== null && price.currency && price.source
          ? { amount: formatAmount(price.monthly), currency: price.currency, source: price.source }
          : null,
      monthlyTotal: counted
        ? { currency: price.currency!, amount: formatAmount(price.monthly! * BigInt(sku.consumedUnits)) }
        : null,
      source: price.monthly !== null ? price.source : null,
      flags,
    });
  }
  lines.sort((a, b) => Number(b.managed) - Number(a.managed) || a.friendlyName.localeCompare(b.friendlyName));
  return {
    at: now.toISOString(),
    lines,
    totals: totals.list(),
    listPrice: lines.some((l) => l.managed && l.monthlyPerLicense?.source === 'list-price'),
  };
}
