import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { TenantUser } from '../entities';
import type { RuleSql } from './user-state-sql';

/**
 * Per active user: which managed SKUs they hold and which services they used in a window, as bit
 * masks computed in the database (SUM over distinct powers of two is a portable bitwise OR). Users
 * with the same masks need the same downgrade decision, so the decisions are taken per mask group
 * (a few hundred at most) and only the chosen groups' users are paged.
 */
export interface MaskSpec {
  /** skuId → bit (powers of two up to 2^52, so JavaScript numbers stay exact). */
  skuBits: ReadonlyMap<string, number>;
  /** app_activity.app → bit. */
  appBits: ReadonlyMap<string, number>;
  /** Sign-in-log instants after this count as used in the window. */
  sinceInstant: string;
  /** Report days on or after this count as used (window plus report lag). */
  sinceDay: string;
}

export interface MaskGroup {
  held: number;
  used: number;
  /** 1 when the user runs the Office desktop apps (activations, Windows or Mac use). */
  office: number;
  users: number;
}

function caseOf(column: string, bits: ReadonlyMap<string, number>, prefix: string, params: Record<string, unknown>): string {
  if (bits.size === 0) return '0';
  const whens = [...bits.entries()].map(([key, bit], i) => {
    params[`${prefix}${i}`] = key;
    return `WHEN :${prefix}${i} THEN ${Math.trunc(bit)}`;
  });
  return `CASE ${column} ${whens.join(' ')} ELSE 0 END`;
}

function perUser(store: DataSource, sql: RuleSql, spec: MaskSpec): SelectQueryBuilder<TenantUser> {
  const params: Record<string, unknown> = { m_day: spec.sinceDay, m_instant: spec.sinceInstant, m_report: 'report' };
  const held = `(SELECT COALESCE(SUM(DISTINCT ${caseOf('"h"."skuId"', spec.skuBits, 'm_s', params)}), 0) FROM "user_licenses" "h" WHERE "h"."userId" = "u"."id")`;
  const used = `(SELECT COALESCE(SUM(${caseOf('"a"."app"', spec.appBits, 'm_a', params)}), 0) FROM "app_activity" "a" WHERE "a"."userId" = "u"."id"`
    + ` AND (("a"."source" = :m_report AND "a"."lastActivityDate" >= :m_day) OR ("a"."source" <> :m_report AND "a"."lastActivityDate" > :m_instant)))`;
  const office = `(CASE WHEN COALESCE("u"."activations", '') <> '' OR COALESCE("u"."usesWindows", :r_no) = :r_yes OR COALESCE("u"."usesMac", :r_no) = :r_yes THEN 1 ELSE 0 END)`;
  return store.getRepository(TenantUser).createQueryBuilder('u')
    .select('"u"."id"', 'id').addSelect(held, 'held').addSelect(used, 'used').addSelect(office, 'office')
    .where(sql.active).andWhere(`NOT ${sql.identityExcluded}`)
    .setParameters({ ...sql.params, ...params });
}

/** Active, not excluded users grouped by (held SKUs, used services, Office desktop use). */
export async function maskGroups(store: DataSource, sql: RuleSql, spec: MaskSpec): Promise<MaskGroup[]> {
  const inner = perUser(store, sql, spec);
  const rows = await store.createQueryBuilder()
    .select('"t"."held"', 'held').addSelect('"t"."used"', 'used').addSelect('"t"."office"', 'office').addSelect('COUNT(*)', 'n')
    .from(`(${inner.getQuery()})`, 't').setParameters(inner.getParameters())
    .groupBy('"t"."held", "t"."used", "t"."office"')
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({ held: Number(r.held), used: Number(r.used), office: Number(r.office), users: Number(r.n) }));
}

/** A page of users whose masks are among `ranked` (in that order), with their masks. */
export async function usersInMaskGroups(
  store: DataSource, sql: RuleSql, spec: MaskSpec, ranked: readonly Omit<MaskGroup, 'users'>[], offset: number, limit: number,
): Promise<{ id: string; held: number; used: number; office: number }[]> {
  if (ranked.length === 0) return [];
  const inner = perUser(store, sql, spec);
  const match = ranked.map((g) => `("t"."held" = ${Math.trunc(g.held)} AND "t"."used" = ${Math.trunc(g.used)} AND "t"."office" = ${Math.trunc(g.office)})`);
  const rank = `(CASE ${match.map((m, i) => `WHEN ${m} THEN ${i}`).join(' ')} ELSE ${ranked.length} END)`;
  const rows = await store.createQueryBuilder()
    .select('"t"."id"', 'id').addSelect('"t"."held"', 'held').addSelect('"t"."used"', 'used').addSelect('"t"."office"', 'office')
    .addSelect(rank, 'rk')
    .from(`(${inner.getQuery()})`, 't').setParameters(inner.getParameters())
    .where(`(${match.join(' OR ')})`)
    .orderBy('rk', 'ASC').addOrderBy('"t"."id"', 'ASC')
    .offset(offset).limit(limit)
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({ id: String(r.id), held: Number(r.held), used: Number(r.used), office: Number(r.office) }));
}
