import type { DataSource } from 'typeorm';
import { activeHoldersPerSkuService, holdersPerSku } from '../store/queries/differentiation';
import { APPS, APP_LABELS } from '../tasks/apps';
import { loadContext } from './context';
import { DAY_MS, dayOf, isoSeconds } from './dates';
import type { Policy } from './policy';
import type { DifferentiationRow } from './types';

/** The seeds' Activity tab windows. */
export const DIFFERENTIATION_WINDOWS = [30, 90] as const;

/**
 * License differentiation (seeds: "view users by license type", the 11 Services filter): per managed
 * SKU, its holders and how many of them used each service in the last 30 and 90 days. Report days
 * get the policy's report lag, as in the rules.
 */
export async function differentiation(store: DataSource, policy: Policy, now: Date): Promise<DifferentiationRow[]> {
  const ctx = await loadContext(store, policy, now);
  const managed = [...ctx.skus.values()].filter((s) => s.managed);
  const ids = managed.map((s) => s.skuId);
  const window = (days: number) => ({
    day: dayOf(now.getTime() - (days + policy.reportLagDays) * DAY_MS),
    instant: isoSeconds(now.getTime() - days * DAY_MS),
  });
  const [holders, counts] = await Promise.all([
    holdersPerSku(store, ids),
    activeHoldersPerSkuService(store, ids, window(DIFFERENTIATION_WINDOWS[0]), window(DIFFERENTIATION_WINDOWS[1])),
  ]);
  return managed
    .map((sku) => {
      const of = (app: string | null) => counts.find((c) => c.skuId === sku.skuId && c.app === app);
      const n = holders.get(sku.skuId) ?? 0;
      return {
        skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, friendlyName: sku.friendlyName, holders: n,
        services: APPS.map((app) => ({ app, label: APP_LABELS[app], active30: of(app)?.short ?? 0, active90: of(app)?.long ?? 0 })),
        idle90: n - (of(null)?.long ?? 0),
      };
    })
    .sort((a, b) => b.holders - a.holders || a.friendlyName.localeCompare(b.friendlyName));
}
