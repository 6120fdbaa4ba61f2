import type { DataSource } from 'typeorm';
import { addLicenseCosts, readCatalog, refuseLicenseCost, removeLicenseCost, Sku, type NewLicenseCost } from '../store';
import { parseCostCsv } from './cost-csv';
import { costEntryErrors, costEntrySchema, type CostEntry, type CostEntryInput } from './cost-entry';
import { dayOf } from './dates';
import { formatAmount } from './money';
import { costRecordOf, inForce, priceOf } from './spend';
import type { CostSource } from './types';

/** One entered cost record as the admin typed it, and whether it is in force today. */
export interface EnteredCost {
  id: number;
  cost: string;
  currency: string;
  frequency: string;
  months: number | null;
  effective: string | null;
  expires: string | null;
  /** in force, expired, or future (not effective yet). */
  status: 'in force' | 'expired' | 'future';
  enteredAt: string;
}

/** A SKU's cost as spend, waste and savings use it today, and the records entered for it. */
export interface SkuCost {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  managed: boolean;
  /** Per license per month, or null when nothing counts. */
  monthly: { amount: string; currency: string } | null;
  source: CostSource | null;
  /** expired / not-yet-effective (the entered cost is not in force: the list price counts), unpriced, … */
  flags: string[];
  entered: EnteredCost[];
}

export type CostChange = { ok: true; ids: number[] } | { ok: false; errors: string[] };

/**
 * License cost details per SKU (docs/product-rules.md R16), entered by admins from the CLI, a CSV file
 * or the Teams form. Every change has an audit row, every refusal too; a refused entry or file
 * changes nothing.
 */
export class LicenseCosts {
  constructor(private readonly store: DataSource) {}

  /** Every SKU (managed first, then by name) with its cost in force and its entered records. */
  async list(now: Date): Promise<SkuCost[]> {
    const catalog = await readCatalog(this.store);
    const today = dayOf(now.getTime());
    return catalog.skus
      .map((sku): SkuCost => {
        const rows = catalog.costs.filter((c) => c.skuId.toLowerCase() === sku.skuId.toLowerCase());
        const price = priceOf(sku, rows.map(costRecordOf), today);
        return {
          skuId: sku.skuId.toLowerCase(),
          skuPartNumber: sku.skuPartNumber,
          friendlyName: sku.friendlyName,
          managed: Boolean(sku.managed),
          monthly:
            price.monthly !== null && price.currency
              ? { amount: formatAmount(price.monthly), currency: price.currency }
              : null,
          source: price.monthly !== null ? price.source : null,
          flags: price.flags,
          entered: rows
            .filter((c) => c.source !== 'list-price')
            .map((c) => {
              const record = costRecordOf(c);
              return {
                id: c.id,
                cost: c.cost,
                currency: c.currency,
                frequency: c.paymentFrequency,
                months: c.termMonths,
                effective: c.effectiveDate,
                expires: c.expirationDate,
                status: inForce(record, today)
                  ? 'in force'
                  : c.effectiveDate && c.effectiveDate > today
                    ? 'future'
                    : 'expired',
                enteredAt: c.updatedAt,
              };
            }),
        };
      })
      .sort((a, b) => Number(b.managed) - Number(a.managed) || a.friendlyName.localeCompare(b.friendlyName));
  }

  /** Validates one entry and adds it; a later effective date is a renewal, the earlier record stays for its period. */
  async set(input: CostEntryInput, actor: string, now: Date): Promise<CostChange> {
    const parsed = costEntrySchema.safeParse(input);
    if (!parsed.success)
      return this.refuse(String(input.sku ?? ''), [costEntryErrors(parsed.error)], actor, now, { input });
    const resolved = await this.resolve([{ row: 0, entry: parsed.data }]);
    if (!resolved.ok)
      return this.refuse(
        parsed.data.sku,
        resolved.errors.map((e) => e.replace(/^row 0: /, '')),
        actor,
        now,
        { input },
      );
    return { ok: true, ids: await addLicenseCosts(this.store, resolved.costs, actor, now) };
  }

  /** A CSV file of costs (header row, then one cost per row): all stored, or, on any fault, none. */
  async import(text: string, file: string, actor: string, now: Date): Promise<CostChange> {
    const parsed = parseCostCsv(text);
    if (!parsed.ok) return this.refuse(file, parsed.errors, actor, now, { file });
    const resolved = await this.resolve(parsed.rows);
    if (!resolved.ok) return this.refuse(file, resolved.errors, actor, now, { file });
    return { ok: true, ids: await addLicenseCosts(this.store, resolved.costs, actor, now, { file }) };
  }

  async remove(id: number, actor: string, now: Date): Promise<boolean> {
    return removeLicenseCost(this.store, id, actor, now);
  }

  /** Each entry's SKU by part number or skuId (the tenant's subscribed SKUs). */
  private async resolve(
    rows: readonly { row: number; entry: CostEntry }[],
  ): Promise<{ ok: true; costs: NewLicenseCost[] } | { ok: false; errors: string[] }> {
    const skus = await this.store.getRepository(Sku).find({ select: ['skuId', 'skuPartNumber'] });
    const costs: NewLicenseCost[] = [];
    const errors: string[] = [];
    for (const { row, entry } of rows) {
      const key = entry.sku.toLowerCase();
      const sku = skus.find((s) => s.skuId.toLowerCase() === key || s.skuPartNumber.trim().toLowerCase() === key);
      if (!sku) {
        errors.push(`row ${row}: sku: "${entry.sku}" is not a SKU of this tenant (see npm run costs -- list)`);
        continue;
      }
      costs.push({
        skuId: sku.skuId.toLowerCase(),
        cost: entry.cost,
        currency: entry.currency,
        paymentFrequency: entry.frequency,
        termMonths: entry.months ?? null,
        effectiveDate: entry.effective ?? null,
        expirationDate: entry.expires ?? null,
      });
    }
    return errors.length ? { ok: false, errors } : { ok: true, costs };
  }

  private async refuse(
    subject: string,
    errors: string[],
    actor: string,
    now: Date,
    detail: Record<string, unknown>,
  ): Promise<CostChange> {
    await refuseLicenseCost(this.store, subject || 'cost', actor, now, { ...detail, errors });
    return { ok: false, errors };
  }
}
