import type { LicenseCost } from '../store';
import type { CostSource } from './types';
import { divide, parseAmount, type Micros } from './money';
import { listPriceFor } from './list-prices';

/**
 * License cost details (docs/product-rules.md R16: Effective Date, Expiration Date, Cost, Currency, Payment Frequency),
 * normalised to a cost per license per month. `cost` is the price of one license for one payment
 * period. An entered cost counts between its effective and expiration dates; outside them the next
 * one in force counts, else the list price, and the SKU is flagged.
 */
export interface CostRecord {
  cost: string;
  currency: string;
  paymentFrequency: string;
  /** Months one payment covers (multi-year; one-time without dates). */
  termMonths?: number | null;
  effectiveDate: string | null;
  expirationDate: string | null;
  source: CostSource;
  /** YYYY-MM-DD the record was entered: an undated record is in force from then. */
  enteredOn?: string | null;
}

export type CostFlag =
  'expired' | 'not-yet-effective' | 'unpriced' | 'unknown-frequency' | 'one-time-without-term' | 'bad-amount';

export interface SkuPrice {
  /** The record in force, if any. */
  record: CostRecord | null;
  /** Per license per month; null when nothing may be counted. */
  monthly: Micros | null;
  currency: string | null;
  source: CostSource | null;
  /** Why nothing counts, or (expired, not-yet-effective) why the list price stands in for the entered cost. */
  flags: CostFlag[];
}

const MONTHS: Readonly<Record<string, number>> = {
  monthly: 1,
  month: 1,
  quarterly: 3,
  quarter: 3,
  semiannual: 6,
  semiannually: 6,
  halfyearly: 6,
  biannual: 6,
  annual: 12,
  annually: 12,
  yearly: 12,
  year: 12,
  biennial: 24,
  twoyear: 24,
  '2year': 24,
  triennial: 36,
  threeyear: 36,
  '3year': 36,
};
const ONE_TIME = new Set(['onetime', 'once', 'perpetual']);

export const normaliseFrequency = (f: string) => f.toLowerCase().replace(/[\s_-]+/g, '');

/** Months of a one-time payment's term, expiration day included, rounded; at least 1. */
export function termMonths(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) ? Math.max(1, Math.round(days / (365.25 / 12))) : 1;
}

/** Cost per month of one record, or why it cannot be normalised. */
export function monthlyOf(record: CostRecord): { monthly: Micros } | { flag: CostFlag } {
  const amount = parseAmount(record.cost);
  if (amount === null || amount < 0n) return { flag: 'bad-amount' };
  const frequency = normaliseFrequency(record.paymentFrequency);
  const months = MONTHS[frequency];
  if (months) return { monthly: divide(amount, BigInt(months)) };
  const term = record.termMonths ?? null;
  if (frequency === 'multiyear')
    return term ? { monthly: divide(amount, BigInt(term)) } : { flag: 'one-time-without-term' };
  if (ONE_TIME.has(frequency)) {
    if (term) return { monthly: divide(amount, BigInt(term)) };
    if (!record.effectiveDate || !record.expirationDate) return { flag: 'one-time-without-term' };
    return { monthly: divide(amount, BigInt(termMonths(record.effectiveDate, record.expirationDate))) };
  }
  return { flag: 'unknown-frequency' };
}

/** A stored cost row as the rules read it (`admin` rows are the entered ones). */
export function costRecordOf(c: LicenseCost): CostRecord {
  return {
    cost: c.cost,
    currency: c.currency,
    paymentFrequency: c.paymentFrequency,
    termMonths: c.termMonths,
    effectiveDate: c.effectiveDate,
    expirationDate: c.expirationDate,
    source: c.source === 'list-price' ? 'list-price' : 'entered',
    enteredOn: c.updatedAt.slice(0, 10),
  };
}

export const inForce = (r: CostRecord, today: string) =>
  (!r.effectiveDate || r.effectiveDate <= today) && (!r.expirationDate || r.expirationDate >= today);

/**
 * The price of a SKU on `today`: the entered record in force (latest effective date wins, an
 * undated record counting from the day it was entered; on a tie the one entered last). When none is
 * in force (all expired, or the next one not effective yet) the shipped list price stands in, the SKU
 * flagged with why; with no list price either, nothing is counted.
 */
export function priceOf(
  sku: { skuId: string; skuPartNumber: string },
  records: readonly CostRecord[],
  today: string,
): SkuPrice {
  const entered = records.filter((r) => r.source === 'entered');
  const listed = listPriceFor(sku.skuId, sku.skuPartNumber);
  const listPrice: CostRecord[] = records.filter((r) => r.source === 'list-price');
  if (listPrice.length === 0 && listed) {
    listPrice.push({
      cost: listed.cost,
      currency: listed.currency,
      paymentFrequency: listed.paymentFrequency,
      effectiveDate: null,
      expirationDate: null,
      source: 'list-price',
    });
  }
  // Stable: among equal dates, the records keep their entry order and the last one wins.
  const since = (r: CostRecord) => r.effectiveDate ?? r.enteredOn ?? '';
  const current = (candidates: readonly CostRecord[]) =>
    candidates
      .filter((r) => inForce(r, today))
      .sort((a, b) => since(a).localeCompare(since(b)))
      .at(-1);
  const flags: CostFlag[] = [];
  let record = current(entered);
  if (!record && entered.length) {
    const future = entered.some((r) => r.effectiveDate !== null && r.effectiveDate > today);
    flags.push(
      future &&
        !entered.some(
          (r) =>
            r.expirationDate !== null && r.expirationDate < today && (!r.effectiveDate || r.effectiveDate <= today),
        )
        ? 'not-yet-effective'
        : 'expired',
    );
  }
  record ??= current(listPrice);
  if (!record) {
    const latest =
      [...entered].sort((a, b) => (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? '')).at(-1) ?? null;
    return {
      record: latest,
      monthly: null,
      currency: latest?.currency.toUpperCase() ?? null,
      source: latest?.source ?? null,
      flags: flags.length ? flags : ['unpriced'],
    };
  }
  const normalised = monthlyOf(record);
  if ('flag' in normalised)
    return {
      record,
      monthly: null,
      currency: record.currency.toUpperCase(),
      source: record.source,
      flags: [...flags, normalised.flag],
    };
  return { record, monthly: normalised.monthly, currency: record.currency.toUpperCase(), source: record.source, flags };
}
