import type { DataSource } from 'typeorm';

/** One live user holding one SKU, however many assignment rows (direct, and per group). */
export interface LicenseHolder {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  skuId: string;
  direct: boolean;
  byGroup: boolean;
}

export interface HolderActivity {
  userId: string;
  app: string;
  lastActivityDate: string | null;
}

const LIVE = `COALESCE("u"."deactivatedDate", '') = ''`;

async function raw<T>(store: DataSource, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = store.driver.escapeQueryWithParameters(sql, params, {});
  return (await store.query(text, values)) as T[];
}

/**
 * A page of (user, SKU) pairs for the given SKUs, ordered by the SKUs' order as given, then by UPN:
 * the license differentiation table, computed and paged in the database.
 */
export async function licenseHolderPage(
  store: DataSource,
  skuIds: readonly string[],
  offset: number,
  limit: number,
): Promise<{ total: number; rows: LicenseHolder[] }> {
  if (skuIds.length === 0) return { total: 0, rows: [] };
  const params: Record<string, unknown> = { skus: skuIds.map((s) => s.toLowerCase()) };
  const rank = `CASE LOWER("l"."skuId") ${skuIds
    .map((s, i) => {
      params[`k${i}`] = s.toLowerCase();
      return `WHEN :k${i} THEN ${i}`;
    })
    .join(' ')} END`;
  const from = `FROM "user_licenses" "l" INNER JOIN "users" "u" ON "u"."id" = "l"."userId" AND ${LIVE} WHERE LOWER("l"."skuId") IN (:...skus)`;
  const [count] = await raw<{ n: number | string }>(
    store,
    `SELECT COUNT(*) AS "n" FROM (SELECT DISTINCT "l"."userId", LOWER("l"."skuId") AS "s" ${from}) "pairs"`,
    params,
  );
  const rows = await raw<Record<string, unknown>>(
    store,
    `SELECT "l"."userId" AS "userId", LOWER("l"."skuId") AS "skuId", MIN(${rank}) AS "rank", MIN("u"."userPrincipalName") AS "upn", MIN("u"."displayName") AS "displayName",` +
      ` MAX(CASE WHEN "l"."assignedByGroup" = '' THEN 1 ELSE 0 END) AS "direct", MAX(CASE WHEN "l"."assignedByGroup" <> '' THEN 1 ELSE 0 END) AS "byGroup"` +
      ` ${from} GROUP BY "l"."userId", LOWER("l"."skuId") ORDER BY "rank", LOWER(MIN("u"."userPrincipalName")), "l"."userId" LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
    params,
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      userId: String(r.userId),
      userPrincipalName: String(r.upn),
      displayName: r.displayName === null ? null : String(r.displayName),
      skuId: String(r.skuId),
      direct: Number(r.direct) === 1,
      byGroup: Number(r.byGroup) === 1,
    })),
  };
}

/** Per-app last activity of the given users. */
export async function holderActivity(store: DataSource, userIds: readonly string[]): Promise<HolderActivity[]> {
  if (userIds.length === 0) return [];
  return raw<HolderActivity>(
    store,
    `SELECT "a"."userId" AS "userId", "a"."app" AS "app", "a"."lastActivityDate" AS "lastActivityDate" FROM "app_activity" "a" WHERE "a"."userId" IN (:...ids)`,
    { ids: [...new Set(userIds)] },
  );
}
