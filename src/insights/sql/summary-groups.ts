import type { DataSource } from 'typeorm';
import { parseHeldSkuIds, TenantUser } from '../../store';
import { FINDING_KIND, USER_EXCLUSIONS, type ExclusionCode } from '../types';
import { LIVE } from './findings-query';
import type { RuleSql } from './user-state-sql';

/**
 * Summary in one pass over `users` alone (counts within 300 ms at 100,000 users: docs/architecture.md §7). Each live
 * user is reduced to: enabled, evidence class (0 none, 1 old, 2 recent), the SKUs held
 * (`heldSkuIds`, so no license join) and the exclusion flags; users are counted per distinct
 * combination, a few hundred in a real tenant. The state and the per-SKU waste follow from the
 * groups in memory (src/insights/summary.ts), by the same rules as `classify`.
 */
export interface SummaryGroup {
  enabled: boolean;
  /** 0: no evidence of use ever; 1: evidence, none recent; 2: recent evidence. */
  evidence: 0 | 1 | 2;
  /** Every SKU held (managed or not), each once. */
  skuIds: readonly string[];
  flags: ExclusionCode[];
  users: number;
}

export async function summaryGroups(store: DataSource, sql: RuleSql): Promise<SummaryGroup[]> {
  const ex = sql.exclusions(FINDING_KIND.inactive);
  // Everything but the SKUs packed in one small integer, so the grouping sorts on two keys, not ten:
  // bit 0 enabled, bits 1-2 evidence class, bits 3.. the exclusion flags in USER_EXCLUSIONS order.
  const packed = [
    `(CASE WHEN "u"."accountEnabled" = :r_yes THEN 1 ELSE 0 END)`,
    `(CASE WHEN NOT ${sql.anyEvidence} THEN 0 WHEN ${sql.recent} THEN 4 ELSE 2 END)`,
    ...USER_EXCLUSIONS.map((code, i) => `(CASE WHEN ${ex[code]} THEN ${8 * 2 ** i} ELSE 0 END)`),
  ].join(' + ');
  const rows = await store
    .createQueryBuilder()
    .select('"t"."k"', 'k')
    .addSelect('"t"."skus"', 'skus')
    .addSelect('COUNT(*)', 'n')
    .from((qb) => qb.select(packed, 'k').addSelect('"u"."heldSkuIds"', 'skus').from(TenantUser, 'u').where(LIVE), 't')
    .setParameters(sql.params)
    .groupBy('"t"."k"')
    .addGroupBy('"t"."skus"')
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => {
    const k = Number(r.k);
    return {
      enabled: k % 2 === 1,
      evidence: (Math.floor(k / 2) % 4) as 0 | 1 | 2,
      skuIds: parseHeldSkuIds(String(r.skus ?? '')),
      flags: USER_EXCLUSIONS.filter((_, i) => Math.floor(k / (8 * 2 ** i)) % 2 === 1),
      users: Number(r.n),
    };
  });
}
