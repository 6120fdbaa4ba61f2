import type { DataSource } from 'typeorm';
import { loadContext, type InsightsContext } from './context';
import { explainUser } from './explain';
import { toNumber } from './money';
import type { Policy } from './policy';
import { allFindingIds, pageFindingIds, type PageQuery } from './sql/findings-query';
import { loadUserDetails, loadUserDetailsAfter, type UserStatus } from './sql/user-facts';
import { ruleSql } from './sql/user-state-sql';
import type { Finding, FindingKind, FindingPage, FindingSort, FindingStatus, ListOptions, UserInsight } from './types';

export const MAX_PAGE_SIZE = 500;
const EXPORT_BATCH = 1000;
/** Larger batches for the whole-tenant export: fewer round trips per 100,000 users. */
const USER_EXPORT_BATCH = 2500;

/**
 * Sorting by cost compares amounts in one currency: the one most licenses are priced in. SKUs
 * priced in another currency sort as zero (amounts in different currencies are never compared).
 */
export function sortCosts(ctx: InsightsContext): Map<string, number> {
  const weight = new Map<string, number>();
  for (const s of ctx.skus.values()) {
    if (s.managed && s.price.currency && s.price.monthly)
      weight.set(s.price.currency, (weight.get(s.price.currency) ?? 0) + Math.max(1, s.consumedUnits));
  }
  const currency = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const out = new Map<string, number>();
  for (const s of ctx.skus.values()) {
    if (s.managed && s.price.monthly && s.price.currency === currency) out.set(s.skuId, toNumber(s.price.monthly));
  }
  return out;
}

function pageQuery(
  ctx: InsightsContext,
  kind: FindingKind,
  status: FindingStatus | 'all',
  sort: FindingSort,
): PageQuery {
  return { kind, status, sort, ...(sort === 'cost' ? { costBySku: sortCosts(ctx) } : {}) };
}

async function findings(
  store: DataSource,
  ctx: InsightsContext,
  ids: readonly string[],
  kind: FindingKind,
  apps = true,
): Promise<Finding[]> {
  const details = await loadUserDetails(store, ids, { apps });
  return details.map((d) => explainUser(d, ctx).finding).filter((f): f is Finding => f !== null && f.kind === kind);
}

/** One page of a finding list, filtered, sorted and paged in the database; each row explained. */
export async function listFindings(
  store: DataSource,
  options: ListOptions,
  policy: Policy,
  now: Date,
): Promise<FindingPage> {
  const status = options.status ?? 'flagged';
  const sort = options.sort ?? 'cost';
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const ctx = await loadContext(store, policy, now);
  const sql = ruleSql(ctx.params);
  const { ids, total } = await pageFindingIds(
    store,
    sql,
    pageQuery(ctx, options.kind, status, sort),
    (page - 1) * pageSize,
    pageSize,
  );
  return {
    kind: options.kind,
    status,
    sort,
    page,
    pageSize,
    total,
    items: await findings(store, ctx, ids, options.kind),
  };
}

/** Export options: per-app activity is left out unless asked for (CSV has no per-app columns). */
export interface ExportOptions {
  /** Include per-app last activity in each row's evidence. Default true. */
  apps?: boolean;
}

/** The Users tab's options: which users, besides what `ExportOptions` says. */
export interface UserExportOptions extends ExportOptions {
  /** Users in the directory (default), those it no longer lists (with their deactivated date), or both. */
  status?: UserStatus;
}

/** Every finding of a list in order, a thousand users at a time (for CSV / JSON exports). */
export async function* exportFindings(
  store: DataSource,
  options: Omit<ListOptions, 'page' | 'pageSize'> & ExportOptions,
  policy: Policy,
  now: Date,
): AsyncGenerator<Finding> {
  const ctx = await loadContext(store, policy, now);
  const ids = await allFindingIds(
    store,
    ruleSql(ctx.params),
    pageQuery(ctx, options.kind, options.status ?? 'flagged', options.sort ?? 'cost'),
  );
  for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
    yield* await findings(store, ctx, ids.slice(i, i + EXPORT_BATCH), options.kind, options.apps ?? true);
  }
}

/** Every user of the status asked for with state, evidence, licenses and the Users-tab columns, in id order, read in batches. */
export async function* exportUsers(
  store: DataSource,
  policy: Policy,
  now: Date,
  options: UserExportOptions = {},
): AsyncGenerator<UserInsight> {
  const ctx = await loadContext(store, policy, now);
  let after = '';
  for (;;) {
    const { details, lastId } = await loadUserDetailsAfter(store, after, USER_EXPORT_BATCH, { ...options, tab: true });
    if (lastId === null) return;
    for (const detail of details) yield explainUser(detail, ctx);
    after = lastId;
  }
}
