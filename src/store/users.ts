import type { DataSource } from 'typeorm';
import { TenantUser } from './entities';

/** Finds a user by object id or UPN (case-insensitive); null when unknown. */
export async function findUserId(store: DataSource, idOrUpn: string): Promise<string | null> {
  const key = idOrUpn.trim().toLowerCase();
  const row = await store
    .getRepository(TenantUser)
    .createQueryBuilder('u')
    .select('u.id', 'id')
    .where('LOWER(u.id) = :key OR LOWER(u.userPrincipalName) = :key', { key })
    // A reused UPN: the live account first, then the latest deactivated (no NULLS FIRST/LAST, which SQLite and PostgreSQL order differently).
    .orderBy(`CASE WHEN COALESCE("u"."deactivatedDate", '') = '' THEN 0 ELSE 1 END`, 'ASC')
    .addOrderBy('"u"."deactivatedDate"', 'DESC')
    .limit(1)
    .getRawOne<{ id: string }>();
  return row?.id ?? null;
}
