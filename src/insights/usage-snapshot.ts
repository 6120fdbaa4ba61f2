import type { DataSource } from 'typeorm';
import { APPS } from '../store';
import { loadContext, type InsightsContext, type SkuInfo } from './context';
import { DAY_MS, dayOf, isoSeconds } from './dates';
import { PolicyStore } from './policy-store';
import type { Window } from './sql/differentiation';
import { ensureUsageMasks, MAX_MASK_SKUS } from './sql/usage-masks';
import { ruleSql } from './sql/user-state-sql';

/** A downgrade looks at the services used in the last 90 days (docs/product-rules.md R30); differentiation at 30 and 90 (R17). */
export const USAGE_WINDOWS = { short: 30, long: 90 } as const;

/**
 * How long a usage snapshot serves when nothing it depends on changed. Its windows count days of
 * activity reports, so an hour moves nobody across them but a sign-in at the edge.
 */
export const USAGE_SNAPSHOT_MAX_AGE_MS = 60 * 60_000;

export interface UsageSnapshot {
  /** Managed SKUs by mask bit (bit i is SKU i); beyond MAX_MASK_SKUS they are left out. */
  bySkuBit: SkuInfo[];
}

/** The last `days` days: report days get the policy's report lag, as in the rules. */
export function usageWindow(now: Date, days: number, reportLagDays: number): Window {
  return {
    day: dayOf(now.getTime() - (days + reportLagDays) * DAY_MS),
    instant: isoSeconds(now.getTime() - days * DAY_MS),
  };
}

/** The managed SKUs in mask order. */
export function managedSkus(ctx: InsightsContext): SkuInfo[] {
  return [...ctx.skus.values()]
    .filter((s) => s.managed)
    .sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}

/** Makes the usage masks current for this policy and clock (src/insights/sql/usage-masks.ts). */
export async function usageSnapshot(
  store: DataSource,
  ctx: InsightsContext,
  trigger: 'sync' | 'read' = 'read',
): Promise<UsageSnapshot> {
  const { policy, now } = ctx;
  const bySkuBit = managedSkus(ctx).slice(0, MAX_MASK_SKUS);
  const window = (days: number) => usageWindow(now, days, policy.reportLagDays);
  const spec = {
    skuBits: new Map(bySkuBit.map((s, i) => [s.skuId, 2 ** i])),
    appBits: new Map<string, number>(APPS.map((a, i) => [a, 2 ** i])),
    long: window(USAGE_WINDOWS.long),
    short: window(USAGE_WINDOWS.short),
  };
  const key = JSON.stringify({ policy, skus: bySkuBit.map((s) => s.skuId), apps: APPS, windows: USAGE_WINDOWS });
  await ensureUsageMasks(store, ruleSql(ctx.params), spec, { key, now, maxAgeMs: USAGE_SNAPSHOT_MAX_AGE_MS, trigger });
  return { bySkuBit };
}

/**
 * Builds the snapshot for the stored policy now (after a task run), so that the first downgrade
 * page an admin opens after a sync does not wait for it.
 */
export async function prepareUsageSnapshot(store: DataSource, now: Date): Promise<void> {
  const policy = await new PolicyStore(store).get();
  await usageSnapshot(store, await loadContext(store, policy, now), 'sync');
}
