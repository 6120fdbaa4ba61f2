import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppActivity, holdsSkuSql, TaskRuns, TenantUser, UsageMask, UsageMaskState, UserLicense } from '../../store';
import type { Window } from './differentiation';
import { LIVE } from './findings-query';
import type { RuleSql } from './user-state-sql';

/** At most this many managed SKUs fit a mask exactly in a JavaScript number. */
export const MAX_MASK_SKUS = 52;

/**
 * Per live user: which managed SKUs they hold and which services they used in a long and a short
 * window, as bit masks. Users with the same masks need the same downgrade decision and count the
 * same in the differentiation table, so decisions are taken per mask group (a few thousand at most)
 * and only the chosen groups' users are paged.
 *
 * The masks are kept as a snapshot in `usage_masks`, built in one INSERT … SELECT (about a second
 * at 100,000 users) and reused while it is current: same data (writers bump the state's
 * generation), same policy and SKU bits (the key), built less than `maxAgeMs` ago. A page of the
 * downgrade list is then an index read, not a pass over every user and their activity.
 */
export interface MaskSpec {
  /** skuId → bit (powers of two up to 2^52, so JavaScript numbers stay exact). */
  skuBits: ReadonlyMap<string, number>;
  /** app_activity.app → bit. */
  appBits: ReadonlyMap<string, number>;
  /** `used`: report days on or after `day`, sign-in-log instants after `instant`. */
  long: Window;
  /** `usedShort`, the same for a shorter window. */
  short: Window;
}

export interface SnapshotOptions {
  /** What the masks depend on besides the data and the clock (the policy, the SKU bits). */
  key: string;
  now: Date;
  maxAgeMs: number;
  /** Who asked for a rebuild, for Application Task Tracking: `sync` after a task run, `read` when a page found it out of date. */
  trigger: 'sync' | 'read';
}

export interface MaskGroup {
  held: number;
  /** The bits of `held` assigned with a service plan turned off (0 when grouping holders). */
  partial: number;
  used: number;
  /** Services used in the short window (0 when grouping candidates). */
  usedShort: number;
  /** 1 when the user runs the Office desktop apps (activations, Windows or Mac use). */
  office: number;
  users: number;
}

/** `candidates`: active users no identity exclusion holds back; `holders`: every live user. */
export type MaskScope = 'candidates' | 'holders';

/**
 * Makes `usage_masks` current (its windows measured from `asOf`, kept in the state row). A rebuild
 * is a run of License Differentiation in Application Task Tracking (docs/product-rules.md R5), with the users and
 * license types it covered and how long it took.
 */
export async function ensureUsageMasks(
  store: DataSource,
  sql: RuleSql,
  spec: MaskSpec,
  options: SnapshotOptions,
): Promise<void> {
  const key = createHash('sha256').update(options.key).digest('hex');
  const current = (s: UsageMaskState): boolean =>
    s.builtGeneration === s.generation &&
    s.key === key &&
    s.asOf <= options.now.toISOString() &&
    options.now.getTime() - Date.parse(s.asOf) < options.maxAgeMs;
  const seen = await store.getRepository(UsageMaskState).findOneBy({ id: 1 });
  if (seen && current(seen)) return;
  const started = new Date();
  let users: number | null;
  try {
    users = await store.transaction(async (m) => {
      // PostgreSQL: a second builder waits here, then finds the snapshot current. SQLite's transactions take turns already.
      const lock = m.createQueryBuilder(UsageMaskState, 's').where('"s"."id" = 1');
      const state =
        (await (store.options.type === 'postgres' ? lock.setLock('pessimistic_write') : lock).getOne()) ??
        (await initialState(m));
      if (current(state)) return null;
      await m.createQueryBuilder().delete().from(UsageMask).execute();
      const [select, params] = perUser(m, sql, spec).getQueryAndParameters();
      await m.query(
        `INSERT INTO "usage_masks" ("userId", "held", "partial", "used", "usedShort", "office", "candidate") ${select}`,
        params,
      );
      await m.update(
        UsageMaskState,
        { id: 1 },
        { key, asOf: options.now.toISOString(), builtGeneration: state.generation },
      );
      return m.getRepository(UsageMask).count();
    });
  } catch (error) {
    await new TaskRuns(store).record(
      'differentiation',
      options.trigger,
      started,
      { status: 'failed', counts: {}, error: error instanceof Error ? error.message : String(error) },
      new Date(),
    );
    throw error;
  }
  // Another instance built it meanwhile: that was its run, not ours.
  if (users !== null)
    await new TaskRuns(store).record(
      'differentiation',
      options.trigger,
      started,
      { status: 'succeeded', counts: { users, skus: spec.skuBits.size } },
      new Date(),
    );
}

async function initialState(m: EntityManager): Promise<UsageMaskState> {
  return m.save(m.create(UsageMaskState, { id: 1, generation: 1, builtGeneration: 0, key: '', asOf: '' }));
}

/** Users of the snapshot grouped by their masks. */
export async function maskGroups(store: DataSource, scope: MaskScope): Promise<MaskGroup[]> {
  const columns =
    scope === 'candidates' ? ['held', 'partial', 'used', 'office'] : ['held', 'used', 'usedShort', 'office'];
  let qb = store.createQueryBuilder().from(UsageMask, 'm').select('COUNT(*)', 'n');
  for (const c of columns) qb = qb.addSelect(`"m"."${c}"`, c).addGroupBy(`"m"."${c}"`);
  if (scope === 'candidates') qb = qb.where('"m"."candidate" = :yes', { yes: true });
  const rows = await qb.getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({
    held: Number(r.held),
    partial: Number(r.partial ?? 0),
    used: Number(r.used),
    usedShort: Number(r.usedShort ?? 0),
    office: Number(r.office),
    users: Number(r.n),
  }));
}

/**
 * A page of candidates whose masks are among `ranked` (candidate groups), in that order, then by
 * id. The groups' sizes are known, so only the groups the page overlaps are read, each from the
 * index with its own offset.
 */
export async function usersInMaskGroups(
  store: DataSource,
  ranked: readonly MaskGroup[],
  offset: number,
  limit: number,
): Promise<({ id: string } & MaskKey)[]> {
  const out: ({ id: string } & MaskKey)[] = [];
  let skip = offset;
  for (const g of ranked) {
    if (out.length >= limit) break;
    if (skip >= g.users) {
      skip -= g.users;
      continue;
    }
    const rows = await store
      .createQueryBuilder()
      .from(UsageMask, 'm')
      .select('"m"."userId"', 'id')
      // An equality on every column, so that the index serves the order and the offset.
      .where(
        '"m"."candidate" = :yes AND "m"."held" = :held AND "m"."partial" = :partial AND "m"."used" = :used AND "m"."office" = :office',
        { yes: true, held: g.held, partial: g.partial, used: g.used, office: g.office },
      )
      .orderBy('"m"."userId"')
      .limit(limit - out.length)
      .offset(skip)
      .getRawMany<{ id: string }>();
    for (const r of rows)
      out.push({ id: String(r.id), held: g.held, partial: g.partial, used: g.used, office: g.office });
    skip = 0;
  }
  return out;
}

/** One user's row of the snapshot, if they are a live user. */
export async function maskOf(store: DataSource, userId: string): Promise<(MaskKey & { candidate: boolean }) | null> {
  const row = await store.getRepository(UsageMask).findOneBy({ userId });
  return row
    ? {
        held: Number(row.held),
        partial: Number(row.partial),
        used: row.used,
        office: row.office,
        candidate: Boolean(row.candidate),
      }
    : null;
}

/** What decides a candidate's downgrade and overlap: users with equal keys get the same answer. */
export type MaskKey = Pick<MaskGroup, 'held' | 'partial' | 'used' | 'office'>;

export const compareMasks = (a: MaskKey, b: MaskKey): number =>
  a.held - b.held || a.partial - b.partial || a.used - b.used || a.office - b.office;
export const sameMasks = (a: MaskKey, b: MaskKey): boolean => compareMasks(a, b) === 0;

/** The bits of the SKUs in `users.heldSkuIds`. */
function heldMask(bits: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  if (bits.size > MAX_MASK_SKUS) throw new RangeError(`at most ${MAX_MASK_SKUS} managed SKUs fit a mask`);
  if (bits.size === 0) return '0';
  return [...bits.entries()]
    .map(([skuId, bit], i) => `(CASE WHEN ${holdsSkuSql(skuId, `m_s${i}`, params)} THEN ${Math.trunc(bit)} ELSE 0 END)`)
    .join(' + ');
}

/** A license row's SKU bit (0 for an unmanaged SKU). */
function skuCase(bits: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  if (bits.size === 0) return '0';
  const whens = [...bits.entries()].map(([skuId, bit], i) => {
    params[`m_p${i}`] = skuId.toLowerCase();
    return `WHEN :m_p${i} THEN ${Math.trunc(bit)}`;
  });
  return `CASE LOWER("l"."skuId") ${whens.join(' ')} ELSE 0 END`;
}

function appCase(bits: ReadonlyMap<string, number>, params: Record<string, unknown>): string {
  if (bits.size === 0) return '0';
  const whens = [...bits.entries()].map(([key, bit], i) => {
    params[`m_a${i}`] = key;
    return `WHEN :m_a${i} THEN ${Math.trunc(bit)}`;
  });
  return `CASE "a"."app" ${whens.join(' ')} ELSE 0 END`;
}

/** Report days (and Visio's activation day) are compared as days, sign-in-log instants as instants. */
const within = (day: string, instant: string) =>
  `(("a"."source" <> :m_signin AND "a"."lastActivityDate" >= :${day}) OR ("a"."source" = :m_signin AND "a"."lastActivityDate" > :${instant}))`;

/**
 * Every live user's row of the snapshot (userId, held, partial, used, usedShort, office, candidate, in
 * the INSERT's column order): the users, and one grouped pass over the activity joined to them.
 */
function perUser(m: EntityManager, sql: RuleSql, spec: MaskSpec) {
  const params: Record<string, unknown> = {
    m_day: spec.long.day,
    m_instant: spec.long.instant,
    m_signin: 'signin',
    m_sday: spec.short.day,
    m_sinstant: spec.short.instant,
    ...sql.params,
  };
  const bit = appCase(spec.appBits, params);
  const office = `(CASE WHEN COALESCE("u"."activations", '') <> '' OR COALESCE("u"."usesWindows", :r_no) = :r_yes OR COALESCE("u"."usesMac", :r_no) = :r_yes THEN 1 ELSE 0 END)`;
  const sum = (day: string, instant: string) => `SUM(CASE WHEN ${within(day, instant)} THEN ${bit} ELSE 0 END)`;
  return (
    m
      .createQueryBuilder()
      .select('"u"."id"', 'userId')
      .addSelect(`(${heldMask(spec.skuBits, params)})`, 'held')
      .addSelect('COALESCE("off"."partial", 0)', 'partial')
      .addSelect('COALESCE("act"."used", 0)', 'used')
      .addSelect('COALESCE("act"."usedShort", 0)', 'usedShort')
      .addSelect(office, 'office')
      .addSelect(`CASE WHEN ${sql.active} AND NOT ${sql.identityExcluded} THEN TRUE ELSE FALSE END`, 'candidate')
      .from(TenantUser, 'u')
      .leftJoin(
        (a) =>
          a
            .select('"a"."userId"', 'userId')
            .addSelect(sum('m_day', 'm_instant'), 'used')
            .addSelect(sum('m_sday', 'm_sinstant'), 'usedShort')
            .from(AppActivity, 'a')
            .groupBy('"a"."userId"'),
        'act',
        '"act"."userId" = "u"."id"',
      )
      // Distinct bits: a SKU assigned twice (directly and by a group) counts once.
      .leftJoin(
        (l) =>
          l
            .select('"l"."userId"', 'userId')
            .addSelect(`SUM(DISTINCT ${skuCase(spec.skuBits, params)})`, 'partial')
            .from(UserLicense, 'l')
            .where(`"l"."disabledPlans" <> '[]'`)
            .groupBy('"l"."userId"'),
        'off',
        '"off"."userId" = "u"."id"',
      )
      .where(LIVE)
      .setParameters(params)
  );
}
