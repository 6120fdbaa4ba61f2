import { listSubscribedSkus } from '../graph';
import { Sku, upsertChanged } from '../store';
import { loadProductNames } from './product-names';
import type { IntegrationTask, TaskContext } from './task';

/** Every column a run compares and rewrites when it changed (`managed` as read before it: the admin's choice). */
const SKU_COLUMNS = [
  'skuPartNumber',
  'friendlyName',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'prepaidEnabled',
  'prepaidSuspended',
  'prepaidWarning',
  'prepaidLockedOut',
  'servicePlans',
  'managed',
] as const satisfies readonly (keyof Sku)[];

/**
 * License Information: the subscribed SKUs (one answer, not paged) into the `skus` table, with
 * friendly names from Microsoft's product names table. An admin's `managed` choice survives every run.
 */
export const licensesTask: IntegrationTask = {
  name: 'licenses',
  async run(ctx: TaskContext) {
    const names = loadProductNames();
    const skus = await listSubscribedSkus(ctx.graph);
    const repo = ctx.dataSource.getRepository(Sku);
    const existing = new Map(
      (await repo.find({ select: { skuId: true, managed: true } })).map((s) => [s.skuId, s.managed]),
    );
    const now = ctx.now().toISOString();
    const rows: Sku[] = [];
    for (const issues of skus.rejected) {
      ctx.count('invalidRows');
      ctx.log.warn({ issues: issues.slice(0, 3) }, 'subscribedSku skipped: unexpected shape');
    }
    for (const sku of skus.items) {
      rows.push(
        repo.create({
          skuId: sku.skuId.toLowerCase(),
          skuPartNumber: sku.skuPartNumber,
          friendlyName: names.productName(sku.skuId, sku.skuPartNumber),
          appliesTo: sku.appliesTo,
          capabilityStatus: sku.capabilityStatus,
          consumedUnits: sku.consumedUnits,
          prepaidEnabled: sku.prepaidUnits.enabled ?? 0,
          prepaidSuspended: sku.prepaidUnits.suspended ?? 0,
          prepaidWarning: sku.prepaidUnits.warning ?? 0,
          prepaidLockedOut: sku.prepaidUnits.lockedOut ?? 0,
          servicePlans: sku.servicePlans,
          managed: existing.get(sku.skuId.toLowerCase()) ?? true,
          updatedAt: now,
        }),
      );
    }
    // Not repository.save: it loads the existing rows with concurrent queries on one PostgreSQL client (deprecated by pg).
    const written = await ctx.write((m) =>
      upsertChanged(m, Sku, rows, { key: ['skuId'], compare: SKU_COLUMNS, stamp: ['updatedAt'] }),
    );
    ctx.count('skus', rows.length);
    ctx.count('rowsWritten', written);
    ctx.progress(`${rows.length} subscribed SKUs`);
  },
};
