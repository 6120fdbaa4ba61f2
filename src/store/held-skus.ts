import { In, type EntityManager } from 'typeorm';
import { bulkUpdateById } from './bulk-update';
import { TenantUser, UserLicense } from './entities';
import { invalidateUsageMasks } from './usage-mask-state';

/**
 * `users.heldSkuIds`: the distinct SKUs a user holds, directly or through groups, as lowercase ids,
 * sorted and comma-separated. It repeats what `user_licenses` says so that the summary counts read
 * one table (the summary budget of docs/architecture.md §7, ≤ 300 ms at 100,000 users; the license join alone cost more than that).
 * Whoever writes a user's license rows writes this column in the same transaction.
 */
export function heldSkuIds(skuIds: Iterable<string>): string {
  return [...new Set([...skuIds].map((s) => s.toLowerCase()))].sort().join(',');
}

export function parseHeldSkuIds(text: string): string[] {
  return text ? text.split(',') : [];
}

/**
 * SQL: the user `"u"` holds the SKU, binding a LIKE pattern as `param`. SKU ids are lowercase GUIDs
 * (validated from Graph): no LIKE wildcard in them, and no id is part of another. Lowercased here
 * too, since PostgreSQL's LIKE is case-sensitive.
 */
export function holdsSkuSql(skuId: string, param: string, params: Record<string, unknown>): string {
  params[param] = `%${skuId.toLowerCase()}%`;
  return `"u"."heldSkuIds" LIKE :${param}`;
}

/**
 * Rewrites the column of these users from their license rows (after a change to a few of them, by
 * a reclaim or an undo), and marks the usage masks built from it out of date.
 */
export async function refreshHeldSkus(manager: EntityManager, userIds: readonly string[]): Promise<void> {
  await invalidateUsageMasks(manager);
  for (let i = 0; i < userIds.length; i += 500) {
    const ids = userIds.slice(i, i + 500);
    const rows = await manager.find(UserLicense, { select: { userId: true, skuId: true }, where: { userId: In(ids) } });
    const byUser = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const r of rows) byUser.get(r.userId)?.push(r.skuId);
    await bulkUpdateById(
      manager,
      TenantUser,
      [...byUser].map(([id, skus]) => ({ id, heldSkuIds: heldSkuIds(skus) })),
      ['heldSkuIds'],
    );
  }
}
