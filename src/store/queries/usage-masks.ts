import type { DataSource } from 'typeorm';
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
  const rows = await run(store, sql, spec, (t) => `SELECT ${t}."held" AS "held", ${t}."used" AS "used", ${t}."usedShort" AS "usedShort", ${t}."office" AS "office", COUNT(*) AS "n"`
    + ` FROM %USERS% GROUP BY ${t}."held", ${t}."used", ${t}."usedShort", ${t}."office"`);
  return rows.map((r) => ({ held: Number(r.held), used: Number(r.used), usedShort: Number(r.usedShort), office: Number(r.office), users: Number(r.n) }));
}

/** Runs `outer` over the per-user derived table (named "t"), with every parameter bound by the driver. */
async function run(store: DataSource, sql: RuleSql, spec: MaskSpec, outer: (t: string) => string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const params: Record<string, unknown> = { m_day: spec.sinceDay, m_instant: spec.sinceInstant, m_report: 'report', m_sday: spec.short?.day ?? '9999', m_sinstant: spec.short?.instant ?? '9999', ...sql.params, ...extra };
  const bit = appCase(spec.appBits, params);
  const office = `(CASE WHEN COALESCE("u"."activations", '') <> '' OR COALESCE("u"."usesWindows", :r_no) = :r_yes OR COALESCE("u"."usesMac", :r_no) = :r_yes THEN 1 ELSE 0 END)`;
  const where = spec.scope === 'downgrade' ? `${sql.active} AND NOT ${sql.identityExcluded}` : LIVE;
  const sum = (day: string, instant: string) => `SUM(CASE WHEN ${within(day, instant)} THEN ${bit} ELSE 0 END)`;
  // Every user (holders): one grouped pass over the activity, joined. Active users only (downgrade):
  // a correlated read of the few rows of each user who passed the filter is cheaper.
  const [activity, used, usedShort] = spec.scope === 'holders'
    ? [`LEFT JOIN (SELECT "a"."userId" AS "userId", ${sum('m_day', 'm_instant')} AS "used", ${sum('m_sday', 'm_sinstant')} AS "usedShort"`
      + ` FROM "app_activity" "a" GROUP BY "a"."userId") "act" ON "act"."userId" = "u"."id"`, 'COALESCE("act"."used", 0)', 'COALESCE("act"."usedShort", 0)']
    : ['', `COALESCE((SELECT ${sum('m_day', 'm_instant')} FROM "app_activity" "a" WHERE "a"."userId" = "u"."id"), 0)`, '0'];
  const inner = `SELECT "u"."id" AS "id", (${heldMask(spec.skuBits, params)}) AS "held", ${used} AS "used",`
    + ` ${usedShort} AS "usedShort", ${office} AS "office" FROM "users" "u" ${activity} WHERE ${where}`;
  const text = outer('"t"').replace('%USERS%', `(${inner}) "t"`);
  const [query, values] = store.driver.escapeQueryWithParameters(text, params, {});
  return (await store.query(query, values)) as Record<string, unknown>[];
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
    const rows = await run(store, sql, spec, (t) => `SELECT ${t}."id" AS "id" FROM %USERS% WHERE ${t}."held" = ${Math.trunc(g.held)} AND ${t}."used" = ${Math.trunc(g.used)}`
      + ` AND ${t}."usedShort" = ${Math.trunc(g.usedShort)} AND ${t}."office" = ${Math.trunc(g.office)} ORDER BY ${t}."id" LIMIT ${Math.trunc(limit - out.length)} OFFSET ${Math.trunc(skip)}`);
    for (const r of rows) out.push({ id: String(r.id), held: g.held, used: g.used, office: g.office });
    skip = 0;
  }
  return out;
}
