import { subscribedSkuSchema } from '../graph';
import { bulkUpsert, Sku } from '../store';
import { PERMISSIONS } from './permissions';
import { loadProductNames } from './product-names';
import type { IntegrationTask, TaskContext } from './task';

/** Organization.Read.All, the least privileged (Directory.Read.All, which the seeds ask for, serves too). */
const PERMISSION = PERMISSIONS.skus[0];

/** Every column a run rewrites (`managed` as read before it: the admin's choice). */
const SKU_COLUMNS = [
  'skuPartNumber', 'friendlyName', 'appliesTo', 'capabilityStatus', 'consumedUnits', 'prepaidEnabled', 'prepaidSuspended',
  'prepaidWarning', 'prepaidLockedOut', 'servicePlans', 'managed', 'updatedAt',
] as const satisfies readonly (keyof Sku)[];

/**
 * License Information: `/v1.0/subscribedSkus` (no paging) into the `skus` table, with friendly
 * names from Microsoft's product names table. An admin's `managed` choice survives every run.
 */
export const licensesTask: IntegrationTask = {
  name: 'licenses',
  async run(ctx: TaskContext) {
    const names = loadProductNames();
    const body = (await ctx.graph.get('/v1.0/subscribedSkus', { permission: PERMISSION })) as { value?: unknown } | null;
    const raw = Array.isArray(body?.value) ? body.value : [];
    const repo = ctx.dataSource.getRepository(Sku);
    const existing = new Map((await repo.find({ select: { skuId: true, managed: true } })).map((s) => [s.skuId, s.managed]));
    const now = ctx.now().toISOString();
    const rows: Sku[] = [];
    for (const item of raw) {
      const parsed = subscribedSkuSchema.safeParse(item);
      if (!parsed.success) {
        ctx.count('invalidRows');
        ctx.log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'subscribedSku skipped: unexpected shape');
        continue;
      }
      const sku = parsed.data;
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
    await bulkUpsert(ctx.dataSource.manager, Sku, rows, { conflict: ['skuId'], update: SKU_COLUMNS });
    ctx.count('skus', rows.length);
    ctx.count('rowsWritten', rows.length);
    ctx.progress(`${rows.length} subscribed SKUs`);
  },
};
