import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppActivity, TenantUser } from '../entities';
import { holdsSkuSql } from '../held-skus';
import { LIVE } from './findings-query';
import type { RuleSql } from './user-state-sql';

/** At most this many managed SKUs fit a mask exactly in a JavaScript number. */
export const MAX_MASK_SKUS = 52;

/**
 * Per user: which managed SKUs they hold and which services they used in a window (and in 30 days),
 * as bit masks computed in the database (held SKUs from `users.heldSkuIds`, activity in one
 * ordered pass joined to the users). Users with the same masks need the same downgrade decision and
 * count the same in the differentiation table, so decisions are taken per mask group (a few hundred
 * at most) and only the chosen groups' users are paged.
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
  /** A second, shorter window (differentiation's 30 days). */
  short?: { instant: string; day: string };
  /** `downgrade`: active users no identity exclusion holds back; `holders`: every live user. */
  scope: 'downgrade' | 'holders';
}

export interface MaskGroup {
  held: number;
  used: number;
  /** Services used in the short window (0 without one). */
  usedShort: number;
  /** 1 when the user runs the Office desktop apps (activations, Windows or Mac use). */
  office: number;
  users: number;
}

/** The bits of the SKUs in `users.heldSkuIds`. */
function heldMask(bits: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  if (bits.size > MAX_MASK_SKUS) throw new RangeError(`at most ${MAX_MASK_SKUS} managed SKUs fit a mask`);
  if (bits.size === 0) return '0';
  return [...bits.entries()].map(([skuId, bit], i) => `(CASE WHEN ${holdsSkuSql(skuId, `m_s${i}`, params)} THEN ${Math.trunc(bit)} ELSE 0 END)`).join(' + ');
}

function appCase(bits: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  if (bits.size === 0) return '0';
  const whens = [...bits.entries()].map(([key, bit], i) => {
    params[`m_a${i}`] = key;
    return `WHEN :m_a${i} THEN ${Math.trunc(bit)}`;
  });
  return `CASE "a"."app" ${whens.join(' ')} ELSE 0 END`;
}

const within = (day: string, instant: string) =>
  `(("a"."source" = :m_report AND "a"."lastActivityDate" >= :${day}) OR ("a"."source" <> :m_report AND "a"."lastActivityDate" > :${instant}))`;

/** Users grouped by (held SKUs, used services, used in the short window, Office desktop use). */
export async function maskGroups(store: DataSource, sql: RuleSql, spec: MaskSpec): Promise<MaskGroup[]> {
  let qb = perUser(store, sql, spec).select('COUNT(*)', 'n');
  for (const c of ['held', 'used', 'usedShort', 'office']) qb = qb.addSelect(`"t"."${c}"`, c).addGroupBy(`"t"."${c}"`);
  const rows = await qb.getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({ held: Number(r.held), used: Number(r.used), usedShort: Number(r.usedShort), office: Number(r.office), users: Number(r.n) }));
}

/** A query over the per-user masks, a derived table named "t" (id, held, used, usedShort, office). */
function perUser(store: DataSource, sql: RuleSql, spec: MaskSpec): SelectQueryBuilder<ObjectLiteral> {
  const params: Record<string, unknown> = { m_day: spec.sinceDay, m_instant: spec.sinceInstant, m_report: 'report', m_sday: spec.short?.day ?? '9999', m_sinstant: spec.short?.instant ?? '9999', ...sql.params };
  const bit = appCase(spec.appBits, params);
  const office = `(CASE WHEN COALESCE("u"."activations", '') <> '' OR COALESCE("u"."usesWindows", :r_no) = :r_yes OR COALESCE("u"."usesMac", :r_no) = :r_yes THEN 1 ELSE 0 END)`;
  const where = spec.scope === 'downgrade' ? `${sql.active} AND NOT ${sql.identityExcluded}` : LIVE;
  const sum = (day: string, instant: string) => `SUM(CASE WHEN ${within(day, instant)} THEN ${bit} ELSE 0 END)`;
  const held = `(${heldMask(spec.skuBits, params)})`;
  const inner = (qb: SelectQueryBuilder<ObjectLiteral>) => {
    const users = qb.select('"u"."id"', 'id').addSelect(held, 'held').addSelect(office, 'office').from(TenantUser, 'u').where(where);
    // Every user (holders): one grouped pass over the activity, joined. Active users only (downgrade):
    // a correlated read of the few rows of each user who passed the filter is cheaper.
    if (spec.scope === 'holders') {
      return users
        .leftJoin((a) => a.select('"a"."userId"', 'userId').addSelect(sum('m_day', 'm_instant'), 'used').addSelect(sum('m_sday', 'm_sinstant'), 'usedShort')
          .from(AppActivity, 'a').groupBy('"a"."userId"'), 'act', '"act"."userId" = "u"."id"')
        .addSelect('COALESCE("act"."used", 0)', 'used').addSelect('COALESCE("act"."usedShort", 0)', 'usedShort');
    }
    return users
      .addSelect(`COALESCE((SELECT ${sum('m_day', 'm_instant')} FROM "app_activity" "a" WHERE "a"."userId" = "u"."id"), 0)`, 'used')
      .addSelect('0', 'usedShort');
  };
  return store.createQueryBuilder().from(inner, 't').setParameters(params);
}

/**
 * A page of users whose masks are among `ranked`, in that order (then by id). The groups' sizes are
 * known, so only the groups the page overlaps are read, each with its own offset.
 */
export async function usersInMaskGroups(
  store: DataSource, sql: RuleSql, spec: MaskSpec, ranked: readonly MaskGroup[], offset: number, limit: number,
): Promise<{ id: string; held: number; used: number; office: number }[]> {
  const out: { id: string; held: number; used: number; office: number }[] = [];
  let skip = offset;
  for (const g of ranked) {
    if (out.length >= limit) break;
    if (skip >= g.users) {
      skip -= g.users;
      continue;
    }
    const rows = await perUser(store, sql, spec).select('"t"."id"', 'id')
      .where('"t"."held" = :g_held AND "t"."used" = :g_used AND "t"."usedShort" = :g_short AND "t"."office" = :g_office', { g_held: g.held, g_used: g.used, g_short: g.usedShort, g_office: g.office })
      .orderBy('"t"."id"').limit(limit - out.length).offset(skip)
      .getRawMany<{ id: string }>();
    for (const r of rows) out.push({ id: String(r.id), held: g.held, used: g.used, office: g.office });
    skip = 0;
  }
  return out;
}
