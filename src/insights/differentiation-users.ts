import type { DataSource } from 'typeorm';
import { APPS, APP_LABELS, type AppName } from '../store';
import { loadContext } from './context';
import { daysSince, isReal, newest } from './dates';
import type { Policy } from './policy';
import { holderActivity, licenseHolderPage } from './sql/license-holders';
import { managedSkus } from './usage-snapshot';

/** Visio has no last-activity date (docs/product-rules.md R12): its column is the day the Visio desktop app was last activated. */
export const DIFFERENTIATION_LABELS: Record<AppName, string> = { ...APP_LABELS, visio: 'Visio (activation)' };

/** One user and one of their managed licenses, with the last activity of each of the 11 applications. */
export interface DifferentiationUserRow {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  /** direct, group, or both. */
  assignment: 'direct' | 'group' | 'direct and group';
  /** Per application, in the order of docs/product-rules.md R3; dates are the last 90 days' (older report data is cleared). */
  apps: { app: AppName; label: string; date: string | null; daysSince: number | null }[];
  /** The newest of them. */
  lastActivity: { app: AppName; date: string; daysSince: number } | null;
}

export interface DifferentiationUserPage {
  /** The license types shown: one when filtered, every managed SKU otherwise. */
  skus: { skuId: string; skuPartNumber: string; friendlyName: string }[];
  page: number;
  pageSize: number;
  total: number;
  items: DifferentiationUserRow[];
}

/**
 * License differentiation user by user (docs/product-rules.md R17: users by license type, filter and export): one
 * row per live user and managed license, ordered by license then UPN. `sku` (part number or skuId)
 * keeps one license type; an unknown or unmanaged one is refused with the managed ones named.
 */
export async function differentiationUsers(
  store: DataSource,
  policy: Policy,
  now: Date,
  options: { sku?: string; page?: number; pageSize?: number },
): Promise<DifferentiationUserPage | { error: string }> {
  const ctx = await loadContext(store, policy, now);
  const managed = managedSkus(ctx).sort((a, b) => a.friendlyName.localeCompare(b.friendlyName));
  let skus = managed;
  if (options.sku) {
    const key = options.sku.trim().toLowerCase();
    skus = managed.filter((s) => s.skuId === key || s.skuPartNumber.trim().toLowerCase() === key);
    if (skus.length === 0)
      return {
        error: `"${options.sku}" is not a managed license of this tenant; managed: ${managed.map((s) => s.skuPartNumber).join(', ') || 'none'}`,
      };
  }
  const pageSize = Math.min(1000, Math.max(1, Math.floor(options.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const { total, rows } = await licenseHolderPage(
    store,
    skus.map((s) => s.skuId),
    (page - 1) * pageSize,
    pageSize,
  );
  const activity = new Map<string, Map<string, string | null>>();
  for (const a of await holderActivity(
    store,
    rows.map((r) => r.userId),
  )) {
    activity.set(a.userId, (activity.get(a.userId) ?? new Map<string, string | null>()).set(a.app, a.lastActivityDate));
  }
  const byId = new Map(skus.map((s) => [s.skuId, s]));
  const items = rows.map((r): DifferentiationUserRow => {
    const sku = byId.get(r.skuId)!;
    const mine = activity.get(r.userId);
    const apps = APPS.map((app) => {
      const date = mine?.get(app) ?? null;
      return {
        app,
        label: DIFFERENTIATION_LABELS[app],
        date: isReal(date) ? date : null,
        daysSince: daysSince(date, now),
      };
    });
    let latest: { app: AppName; date: string; daysSince: number | null } | null = null;
    for (const a of apps)
      if (a.date && (!latest || newest(latest.date, a.date) !== latest.date))
        latest = { app: a.app, date: a.date, daysSince: a.daysSince };
    return {
      userId: r.userId,
      userPrincipalName: r.userPrincipalName,
      displayName: r.displayName,
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      friendlyName: sku.friendlyName,
      assignment: r.direct && r.byGroup ? 'direct and group' : r.direct ? 'direct' : 'group',
      apps,
      lastActivity: latest ? { app: latest.app, date: latest.date, daysSince: latest.daysSince ?? 0 } : null,
    };
  });
  return {
    skus: skus.map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, friendlyName: s.friendlyName })),
    page,
    pageSize,
    total,
    items,
  };
}

/** The CSV / table columns of a row: the user, the license, then per application its date and days since. */
export const DIFFERENTIATION_HEADER: readonly string[] = [
  'User Principal Name',
  'Display Name',
  'License',
  'SKU',
  'Assignment',
  ...APPS.flatMap((app) => [
    `${DIFFERENTIATION_LABELS[app]} Last Activity`,
    `${DIFFERENTIATION_LABELS[app]} Days Since`,
  ]),
  'Last Activity',
  'Days Since Last Activity',
];

export function differentiationCells(r: DifferentiationUserRow): (string | number | null)[] {
  return [
    r.userPrincipalName,
    r.displayName,
    r.friendlyName,
    r.skuPartNumber,
    r.assignment,
    ...r.apps.flatMap((a) => [a.date?.slice(0, 10) ?? null, a.daysSince]),
    r.lastActivity?.date.slice(0, 10) ?? null,
    r.lastActivity?.daysSince ?? null,
  ];
}
