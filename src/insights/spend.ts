import { divide, parseAmount, type Micros } from './money';
import { listPriceFor } from './list-prices';

/**
 * License cost details (seeds: Effective Date, Expiration Date, Cost, Currency, Payment Frequency),
 * normalised to a cost per license per month. `cost` is the price of one license for one payment
 * period. An expired or not-yet-effective cost is not counted and is flagged (issue 5 "Spend").
 */
export interface CostRecord {
  cost: string;
  currency: string;
  paymentFrequency: string;
  effectiveDate: string | null;
  expirationDate: string | null;
  source: 'admin' | 'list-price';
  /** YYYY-MM-DD the record was entered: an undated record is in force from then. */
  enteredOn?: string | null;
}

export type CostFlag = 'expired' | 'not-yet-effective' | 'unpriced' | 'unknown-frequency' | 'one-time-without-term' | 'bad-amount';

export interface SkuPrice {
  /** The record in force, if any. */
  record: CostRecord | null;
  /** Per license per month; null when nothing may be counted. */
  monthly: Micros | null;
  currency: string | null;
  source: 'admin' | 'list-price' | null;
  flags: CostFlag[];
}

const MONTHS: Readonly<Record<string, number>> = {
  monthly: 1, month: 1, quarterly: 3, quarter: 3, semiannual: 6, semiannually: 6, halfyearly: 6, biannual: 6,
  annual: 12, annually: 12, yearly: 12, year: 12, biennial: 24, twoyear: 24, '2year': 24, triennial: 36, threeyear: 36, '3year': 36,
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
  if (ONE_TIME.has(frequency)) {
    if (!record.effectiveDate || !record.expirationDate) return { flag: 'one-time-without-term' };
    return { monthly: divide(amount, BigInt(termMonths(record.effectiveDate, record.expirationDate))) };
  }
  return { flag: 'unknown-frequency' };
}

const inForce = (r: CostRecord, today: string) => (!r.effectiveDate || r.effectiveDate <= today) && (!r.expirationDate || r.expirationDate >= today);

/**
 * The price of a SKU on `today`: the admin's record in force (latest effective date wins, an
 * undated record counting from the day it was entered; on a tie the one entered last); when the
 * admin entered none at all, the shipped list price. Admin records that are all out of force mean
 * the contract is not running: nothing is counted and the SKU is flagged.
 */
export function priceOf(sku: { skuId: string; skuPartNumber: string }, records: readonly CostRecord[], today: string): SkuPrice {
  const admin = records.filter((r) => r.source === 'admin');
  let candidates = admin;
  if (admin.length === 0) {
    const listed = listPriceFor(sku.skuId, sku.skuPartNumber);
    candidates = records.filter((r) => r.source === 'list-price');
    if (candidates.length === 0 && listed) {
      candidates = [{ cost: listed.cost, currency: listed.currency, paymentFrequency: listed.paymentFrequency, effectiveDate: null, expirationDate: null, source: 'list-price' }];
    }
  }
  if (candidates.length === 0) return { record: null, monthly: null, currency: null, source: null, flags: ['unpriced'] };
  // Stable: among equal dates, the records keep their entry order and the last one wins.
  const since = (r: CostRecord) => r.effectiveDate ?? r.enteredOn ?? '';
  const current = candidates.filter((r) => inForce(r, today)).sort((a, b) => since(a).localeCompare(since(b))).at(-1);
  if (!current) {
    const future = candidates.some((r) => r.effectiveDate !== null && r.effectiveDate > today);
    const flag: CostFlag = future && !candidates.some((r) => r.expirationDate !== null && r.expirationDate < today && (!r.effectiveDate || r.effectiveDate <= today)) ? 'not-yet-effective' : 'expired';
    const latest = [...candidates].sort((a, b) => (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? '')).at(-1) ?? null;
    return { record: latest, monthly: null, currency: latest?.currency.toUpperCase() ?? null, source: latest?.source ?? null, flags: [flag] };
  }
  const normalised = monthlyOf(current);
  if ('flag' in normalised) return { record: current, monthly: null, currency: current.currency.toUpperCase(), source: current.source, flags: [normalised.flag] };
  return { record: current, monthly: normalised.monthly, currency: current.currency.toUpperCase(), source: current.source, flags: [] };
}
