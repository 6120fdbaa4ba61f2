import { TenantUser } from '../store';
import type { TaskContext } from './task';

/**
 * Lower-cased UPN → user id of every active user: reports name users only by UPN. Two short
 * strings per user, not the user records.
 */
export async function userIdsByUpn(ctx: TaskContext): Promise<Map<string, string>> {
  const rows = await ctx.dataSource
    .getRepository(TenantUser)
    .createQueryBuilder('u')
    .select(['u.id AS id', 'u.userPrincipalName AS upn'])
    .where('u.deactivatedDate IS NULL')
    .getRawMany<{ id: string; upn: string }>();
  return new Map(rows.map((r) => [r.upn.toLowerCase(), r.id]));
}
