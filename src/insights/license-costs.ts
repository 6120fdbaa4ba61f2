import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { addLicenseCost, LicenseCost, removeLicenseCost, Sku } from '../store';
import { parseAmount } from './money';
import { monthlyOf, normaliseFrequency } from './spend';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real date');

/** Cost details an admin enters for a SKU (seeds: Effective Date, Expiration Date, Cost, Currency, Payment Frequency). */
export const licenseCostInputSchema = z.object({
  /** skuId or part number. */
  sku: z.string().trim().min(1).max(128),
  /** Price of one license for one payment period, e.g. `432.00` annual. */
  cost: z.string().trim().refine((c) => (parseAmount(c) ?? -1n) >= 0n, 'a non-negative amount such as 36 or 432.00'),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as USD').transform((c) => c.toUpperCase()),
  paymentFrequency: z.string().trim().min(1).max(16),
  effectiveDate: day.nullable().optional(),
  expirationDate: day.nullable().optional(),
}).strict().superRefine((v, ctx) => {
  if (v.effectiveDate && v.expirationDate && v.expirationDate < v.effectiveDate) ctx.addIssue({ code: 'custom', path: ['expirationDate'], message: 'expires before it takes effect' });
  const normalised = monthlyOf({ cost: v.cost, currency: v.currency, paymentFrequency: v.paymentFrequency, effectiveDate: v.effectiveDate ?? null, expirationDate: v.expirationDate ?? null, source: 'admin' });
  if ('flag' in normalised) ctx.addIssue({ code: 'custom', path: ['paymentFrequency'], message: normalised.flag === 'one-time-without-term' ? 'a one-time cost needs effective and expiration dates' : 'monthly, quarterly, semi-annual, annual, biennial, triennial or one-time' });
});

export type LicenseCostInput = z.input<typeof licenseCostInputSchema>;

/** License cost details per SKU, entered by admins; each change has an audit row. */
export class LicenseCosts {
  constructor(private readonly store: DataSource) {}

  async list(): Promise<LicenseCost[]> {
    return this.store.getRepository(LicenseCost).find({ order: { skuId: 'ASC', id: 'ASC' } });
  }

  /** Validates and adds a cost record; the newest record in force wins. */
  async set(input: LicenseCostInput, actor: string, now: Date): Promise<{ ok: true; id: number } | { ok: false; error: string }> {
    const parsed = licenseCostInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
    const v = parsed.data;
    const skus = await this.store.getRepository(Sku).find({ select: ['skuId', 'skuPartNumber'] });
    const sku = skus.find((s) => s.skuId.toLowerCase() === v.sku.toLowerCase() || s.skuPartNumber.toLowerCase() === v.sku.toLowerCase());
    if (!sku) return { ok: false, error: `sku: unknown SKU ${v.sku}` };
    const id = await addLicenseCost(this.store, {
      skuId: sku.skuId.toLowerCase(), cost: v.cost, currency: v.currency, paymentFrequency: normaliseFrequency(v.paymentFrequency).slice(0, 16),
      effectiveDate: v.effectiveDate ?? null, expirationDate: v.expirationDate ?? null,
    }, actor, now);
    return { ok: true, id };
  }

  async remove(id: number, actor: string, now: Date): Promise<boolean> {
    return removeLicenseCost(this.store, id, actor, now);
  }
}
