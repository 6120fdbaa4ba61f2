import { IsNull, Not, type DataSource } from 'typeorm';
import { countSuspicious, ReclamationRequest } from '../store';
import { exclusionsFor } from './classify';
import { loadContext, type InsightsContext } from './context';
import { parseAmount, SourcedTotals, type SourcedAmount } from './money';
import type { Policy } from './policy';
import { summaryGroups, type SummaryGroup } from './sql/summary-groups';
import { ruleSql } from './sql/user-state-sql';
import {
  FINDING_KIND,
  FINDING_KINDS,
  isFindingKind,
  USER_STATE,
  type ExclusionCode,
  type FindingKind,
  type InsightsSummary,
  type KindCounts,
  type UserState,
} from './types';

interface Tally {
  state: UserState;
  flags: ExclusionCode[];
  users: number;
  /** Managed SKUs held by every user of the tally (for waste). */
  skus: string[];
}

/** A managed SKU, and whether it is paid (a blocked user is waste only for paid ones). */
export interface ManagedSku {
  skuId: string;
  paid: boolean;
}

/**
 * The state of a summary group, by the rules of `classify`: disabled with a paid SKU is blocked,
 * no managed SKU is unlicensed, then no evidence is never, recent evidence active, else inactive.
 */
export function groupState(g: SummaryGroup, managed: readonly ManagedSku[]): UserState {
  const held = managed.filter((m) => g.skuIds.includes(m.skuId));
  if (!g.enabled) return held.some((m) => m.paid) ? USER_STATE.blocked : USER_STATE.blockedUnlicensed;
  if (held.length === 0) return USER_STATE.unlicensed;
  return g.evidence === 0 ? USER_STATE.never : g.evidence === 2 ? USER_STATE.active : USER_STATE.inactive;
}

/** Users per state and exclusion flags, with the managed SKUs that count as their waste. */
async function tallies(store: DataSource, ctx: InsightsContext): Promise<Tally[]> {
  const managed = ctx.params.managedSkuIds.map((skuId) => ({ skuId, paid: ctx.params.paidSkuIds.includes(skuId) }));
  const groups = await summaryGroups(store, ruleSql(ctx.params));
  return groups.map((g) => {
    const state = groupState(g, managed);
    const skus = managed.filter((m) => g.skuIds.includes(m.skuId) && (state !== FINDING_KIND.blocked || m.paid));
    return { state, flags: g.flags, users: g.users, skus: skus.map((m) => m.skuId) };
  });
}

/** Counts per finding kind, waste and savings per currency. */
export async function summary(store: DataSource, policy: Policy, now: Date): Promise<InsightsSummary> {
  const ctx = await loadContext(store, policy, now);
  const counts = Object.fromEntries(
    FINDING_KINDS.map((k) => [k, { flagged: 0, excluded: 0, excludedBy: {} }]),
  ) as Record<FindingKind, KindCounts>;
  const users = { total: 0, enabled: 0, licensed: 0 };
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, new SourcedTotals()])) as Record<
    FindingKind,
    SourcedTotals
  >;
  const total = new SourcedTotals();
  let listPrice = false;
  let unpricedLicenses = 0;
  for (const t of await tallies(store, ctx)) {
    users.total += t.users;
    if (t.state !== USER_STATE.blocked && t.state !== USER_STATE.blockedUnlicensed) users.enabled += t.users;
    if (isFindingKind(t.state) || t.state === USER_STATE.active) users.licensed += t.users;
    if (!isFindingKind(t.state)) continue;
    const codes = exclusionsFor(t.state, t.flags, ctx.params);
    const c = counts[t.state];
    if (codes.length === 0) c.flagged += t.users;
    else c.excluded += t.users;
    for (const code of codes) c.excludedBy[code] = (c.excludedBy[code] ?? 0) + t.users;
    if (codes.length > 0) continue;
    for (const skuId of t.skus) {
      const price = ctx.skus.get(skuId.toLowerCase())?.price;
      if (!price || price.monthly === null || !price.currency) {
        unpricedLicenses += t.users;
        continue;
      }
      if (price.monthly === 0n) continue;
      const source = price.source ?? 'list-price';
      listPrice ||= source === 'list-price';
      byKind[t.state].add(price.currency, price.monthly * BigInt(t.users), source);
      total.add(price.currency, price.monthly * BigInt(t.users), source);
    }
  }
  return {
    at: now.toISOString(),
    reportsAsOf: ctx.data.reportsAsOf,
    users,
    counts,
    waste: {
      byKind: Object.fromEntries(FINDING_KINDS.map((k) => [k, byKind[k].list()])) as Record<
        FindingKind,
        SourcedAmount[]
      >,
      total: total.list(),
      listPrice,
      unpricedLicenses,
    },
    savings: await savings(store),
    suspicious: await countSuspicious(store),
    confidence: {
      level: ctx.notes.some((n) =>
        ['no-sync', 'no-sign-in-data', 'no-report-data', 'reports-concealed'].includes(n.code),
      )
        ? 'low'
        : ctx.notes.length
          ? 'medium'
          : 'high',
      notes: ctx.notes,
    },
  };
}

/**
 * Savings = monthly cost of licenses reclaimed and not undone, from the reclamation history: each
 * request keeps the cost it was approved at, so a later cost (a renewal) never rewrites a saving
 * already made. Requests from before costs could be entered say nothing of their source: they were
 * list prices.
 */
export async function savings(store: DataSource): Promise<SourcedAmount[]> {
  const rows = await store.getRepository(ReclamationRequest).find({
    select: { monthlySaving: true, currency: true, evidence: true },
    where: { state: 'reclaimed', dryRun: false, monthlySaving: Not(IsNull()), currency: Not(IsNull()) },
  });
  const totals = new SourcedTotals();
  for (const r of rows) {
    const amount = parseAmount(r.monthlySaving!);
    if (amount !== null)
      totals.add(r.currency!, amount, r.evidence['costSource'] === 'entered' ? 'entered' : 'list-price');
  }
  return totals.list();
}
