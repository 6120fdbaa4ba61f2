import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { holdsSkuSql, TenantUser } from '../../store';
import {
  FINDING_KIND,
  type ExclusionCode,
  type FindingKind,
  type FindingSort,
  type FindingStatus,
  type UserExclusion,
} from '../types';
import type { RuleSql } from './user-state-sql';

/**
 * Finding lists and counts computed in the database (a page within 100 ms at 100,000 users: docs/architecture.md §7): one scan of `users` with
 * the rule expressions of user-state-sql.ts, never every user loaded into memory.
 */
export type StatusFilter = FindingStatus | 'all';

/** The exclusions of a user, computed once per user (0/1 columns; mfa and sso as the inactive rule reads them). */
const FLAG_COLUMNS: Record<UserExclusion, string> = {
  'named-user': 'x_named',
  group: 'x_group',
  guest: 'x_guest',
  'new-account': 'x_new',
  'resource-mailbox': 'x_mailbox',
  'service-account': 'x_service',
  mfa: 'x_mfa',
  sso: 'x_sso',
};

/** Live users, written so the deactivated-date index is not used (see user-state-sql.ts). */
export const LIVE = `COALESCE("u"."deactivatedDate", '') = ''`;

function perUser(store: DataSource, sql: RuleSql): SelectQueryBuilder<TenantUser> {
  const ex = sql.exclusions(FINDING_KIND.inactive);
  let qb = store.getRepository(TenantUser).createQueryBuilder('u').select('"u"."id"', 'id').addSelect(sql.state, 'st');
  for (const [code, column] of Object.entries(FLAG_COLUMNS)) {
    qb = qb.addSelect(`(CASE WHEN ${ex[code as ExclusionCode]} THEN 1 ELSE 0 END)`, column);
  }
  return qb.where(LIVE).setParameters(sql.params);
}

const flagsOf = (row: Record<string, unknown>): ExclusionCode[] =>
  (Object.entries(FLAG_COLUMNS) as [ExclusionCode, string][])
    .filter(([, c]) => Number(row[c]) === 1)
    .map(([code]) => code);

export interface PageQuery {
  kind: FindingKind;
  status: StatusFilter;
  sort: FindingSort;
  /** Monthly cost per managed skuId in the sort currency (literal numbers, never user text). */
  costBySku?: ReadonlyMap<string, number>;
}

function filtered(store: DataSource, sql: RuleSql, q: PageQuery): SelectQueryBuilder<TenantUser> {
  let qb = store.getRepository(TenantUser).createQueryBuilder('u').where(sql.kind(q.kind)).setParameters(sql.params);
  if (q.status === 'flagged') qb = qb.andWhere(`NOT ${sql.excluded(q.kind)}`);
  if (q.status === 'excluded') qb = qb.andWhere(sql.excluded(q.kind));
  return qb;
}

/** Cost of a user's managed licenses, from `heldSkuIds` (each SKU once, direct or through groups). */
function costExpression(costBySku: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  const entries = [...costBySku.entries()].filter(([, v]) => Number.isFinite(v) && v > 0);
  if (entries.length === 0) return '0';
  return `(${entries.map(([skuId, value], i) => `(CASE WHEN ${holdsSkuSql(skuId, `r_cost${i}`, params)} THEN ${value.toFixed(6)} ELSE 0 END)`).join(' + ')})`;
}

function ordered(qb: SelectQueryBuilder<TenantUser>, sql: RuleSql, q: PageQuery): SelectQueryBuilder<TenantUser> {
  const params: Record<string, unknown> = {};
  let out = qb.select('"u"."id"', 'id');
  if (q.sort === 'cost')
    out = out.addSelect(costExpression(q.costBySku ?? new Map(), params), 'k1').orderBy('k1', 'DESC');
  if (q.sort === 'cost' || q.sort === 'daysInactive') {
    out = out.addSelect(sql.latestEvidence, 'k2').addSelect(`COALESCE("u"."createdDateTime", '')`, 'k3');
    out = q.sort === 'cost' ? out.addOrderBy('k2', 'ASC') : out.orderBy('k2', 'ASC');
    out = out.addOrderBy('k3', 'ASC');
  } else {
    out = out.addSelect('LOWER("u"."userPrincipalName")', 'k1').orderBy('k1', 'ASC');
  }
  return out.addOrderBy('"u"."id"', 'ASC').setParameters(params);
}

/**
 * One page of user ids in list order, and how many users the list holds: one scan, the total
 * coming from a window count (SQLite ≥ 3.25, PostgreSQL); only a page past the end counts apart.
 */
export async function pageFindingIds(
  store: DataSource,
  sql: RuleSql,
  q: PageQuery,
  offset: number,
  limit: number,
): Promise<{ ids: string[]; total: number }> {
  const rows = await ordered(filtered(store, sql, q), sql, q)
    .addSelect('COUNT(*) OVER ()', 'total')
    .offset(offset)
    .limit(limit)
    .getRawMany<{ id: string; total: number | string }>();
  if (rows.length > 0) return { ids: rows.map((r) => r.id), total: Number(rows[0]!.total) };
  const counted = await filtered(store, sql, q).select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
  return { ids: [], total: Number(counted?.n ?? 0) };
}

/** Every id of a list in order (ids only: ~40 bytes a user), for exports. */
export async function allFindingIds(store: DataSource, sql: RuleSql, q: PageQuery): Promise<string[]> {
  const rows = await ordered(filtered(store, sql, q), sql, q).getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}

/** Per-user state and exclusion flags as the database computes them (tests compare them with `classify`). */
export async function userStates(
  store: DataSource,
  sql: RuleSql,
): Promise<{ id: string; state: string; flags: ExclusionCode[] }[]> {
  const rows = await perUser(store, sql).orderBy('"u"."id"', 'ASC').getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({ id: String(r.id), state: String(r.st), flags: flagsOf(r) }));
}
