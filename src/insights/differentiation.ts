import type { DataSource } from 'typeorm';
import { APPS, APP_LABELS } from '../store';
import { loadContext, type InsightsContext } from './context';
import type { Policy } from './policy';
import { activeHoldersPerSkuService, holdersPerSku } from './sql/differentiation';
import { MAX_MASK_SKUS, maskGroups } from './sql/usage-masks';
import type { DifferentiationRow } from './types';
import { managedSkus, USAGE_WINDOWS, usageSnapshot, usageWindow } from './usage-snapshot';

/**
 * License differentiation (docs/product-rules.md R17: users by license type, the 11 services): per managed
 * SKU, its holders and how many of them used each service in the last 30 and 90 days. Report days
 * get the policy's report lag, as in the rules.
 */
export async function differentiation(store: DataSource, policy: Policy, now: Date): Promise<DifferentiationRow[]> {
  const ctx = await loadContext(store, policy, now);
  const managed = managedSkus(ctx);
  const counts =
    managed.length <= MAX_MASK_SKUS
      ? await fromMasks(store, ctx)
      : await fromScans(
          store,
          managed.map((s) => s.skuId),
          policy,
          now,
        );
  return managed
    .map((sku) => {
      const n = counts.holders.get(sku.skuId) ?? 0;
      return {
        skuId: sku.skuId,
        skuPartNumber: sku.skuPartNumber,
        friendlyName: sku.friendlyName,
        holders: n,
        services: APPS.map((app) => ({
          app,
          label: APP_LABELS[app],
          active30: counts.active(sku.skuId, app, 'short'),
          active90: counts.active(sku.skuId, app, 'long'),
        })),
        idle90: n - counts.active(sku.skuId, null, 'long'),
      };
    })
    .sort((a, b) => b.holders - a.holders || (a.friendlyName < b.friendlyName ? -1 : 1));
}

interface Counts {
  holders: Map<string, number>;
  /** Holders of the SKU active in the app (null: any app) in the window. */
  active(skuId: string, app: string | null, window: 'short' | 'long'): number;
}

/** From the usage snapshot: users per (held SKUs, services used in 90 days, in 30 days). */
async function fromMasks(store: DataSource, ctx: InsightsContext): Promise<Counts> {
  const { bySkuBit } = await usageSnapshot(store, ctx);
  const skuBits = new Map(bySkuBit.map((s, i) => [s.skuId, 2 ** i]));
  const appBits = new Map<string, number>(APPS.map((a, i) => [a, 2 ** i]));
  const groups = await maskGroups(store, 'holders');
  const has = (mask: number, bit: number) => Math.floor(mask / bit) % 2 === 1;
  const holders = new Map<string, number>();
  const active = new Map<string, number>();
  for (const g of groups) {
    for (const [skuId, skuBit] of skuBits) {
      if (!has(g.held, skuBit)) continue;
      holders.set(skuId, (holders.get(skuId) ?? 0) + g.users);
      for (const [window, used] of [
        ['short', g.usedShort],
        ['long', g.used],
      ] as const) {
        if (used > 0) active.set(`${skuId}|*|${window}`, (active.get(`${skuId}|*|${window}`) ?? 0) + g.users);
        for (const [app, appBit] of appBits)
          if (has(used, appBit))
            active.set(`${skuId}|${app}|${window}`, (active.get(`${skuId}|${app}|${window}`) ?? 0) + g.users);
      }
    }
  }
  return { holders, active: (skuId, app, window) => active.get(`${skuId}|${app ?? '*'}|${window}`) ?? 0 };
}

/** More managed SKUs than a mask holds: per-SKU and per-service counts from the license rows. */
async function fromScans(store: DataSource, ids: readonly string[], policy: Policy, now: Date): Promise<Counts> {
  const [short, long] = [
    usageWindow(now, USAGE_WINDOWS.short, policy.reportLagDays),
    usageWindow(now, USAGE_WINDOWS.long, policy.reportLagDays),
  ];
  const [holders, rows] = await Promise.all([
    holdersPerSku(store, ids),
    activeHoldersPerSkuService(store, ids, short, long),
  ]);
  return {
    holders,
    active: (skuId, app, window) => {
      const row = rows.find((r) => r.skuId === skuId && r.app === app);
      return row ? (window === 'short' ? row.short : row.long) : 0;
    },
  };
}
