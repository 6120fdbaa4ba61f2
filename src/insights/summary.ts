import type { DataSource } from 'typeorm';
import { ReclamationRequest } from '../store';
import { stateGroups, stateSkuGroups } from '../store/queries/findings-query';
import { ruleSql } from '../store/queries/user-state-sql';
import { exclusionsFor } from './classify';
import { loadContext } from './context';
import { CurrencyTotals, parseAmount } from './money';
import type { Policy } from './policy';
import { FINDING_KINDS, type FindingKind, type InsightsSummary, type KindCounts } from './types';

const isKind = (state: string): state is FindingKind => (FINDING_KINDS as readonly string[]).includes(state);

/** Counts per finding kind, waste and savings per currency: two grouped scans of the users table. */
export async function summary(store: DataSource, policy: Policy, now: Date): Promise<InsightsSummary> {
  const ctx = await loadContext(store, policy, now);
  const sql = ruleSql(ctx.params);
  const groups = await stateGroups(store, sql);
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, { flagged: 0, excluded: 0, excludedBy: {} }])) as Record<FindingKind, KindCounts>;
  const users = { total: 0, enabled: 0, licensed: 0 };
  for (const g of groups) {
    users.total += g.users;
    if (g.state !== 'blocked' && g.state !== 'blocked-unlicensed') users.enabled += g.users;
    if (['inactive', 'never', 'active', 'blocked'].includes(g.state)) users.licensed += g.users;
    if (!isKind(g.state)) continue;
    const codes = exclusionsFor(g.state, g.flags, ctx.params);
    const c = counts[g.state];
    if (codes.length === 0) c.flagged += g.users;
    else c.excluded += g.users;
    for (const code of codes) c.excludedBy[code] = (c.excludedBy[code] ?? 0) + g.users;
  }

  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, new CurrencyTotals()])) as Record<FindingKind, CurrencyTotals>;
  const total = new CurrencyTotals();
  let listPrice = false;
  let unpricedLicenses = 0;
  for (const g of await stateSkuGroups(store, sql)) {
    if (!isKind(g.state) || exclusionsFor(g.state, g.flags, ctx.params).length > 0) continue;
    const price = ctx.skus.get(g.skuId.toLowerCase())?.price;
    if (!price || price.monthly === null || !price.currency) {
      unpricedLicenses += g.users;
      continue;
    }
    if (price.monthly === 0n) continue;
    listPrice ||= price.source === 'list-price';
    byKind[g.state].add(price.currency, price.monthly * BigInt(g.users));
    total.add(price.currency, price.monthly * BigInt(g.users));
  }

  return {
    at: now.toISOString(),
    reportsAsOf: ctx.data.reportsAsOf,
    users,
    counts,
    waste: { byKind: Object.fromEntries(FINDING_KINDS.map((k) => [k, byKind[k].list()])) as Record<FindingKind, { currency: string; amount: string }[]>, total: total.list(), listPrice, unpricedLicenses },
    savings: await savings(store),
    confidence: { level: ctx.notes.some((n) => ['no-sync', 'no-sign-in-data', 'no-report-data', 'reports-concealed'].includes(n.code)) ? 'low' : ctx.notes.length ? 'medium' : 'high', notes: ctx.notes },
  };
}

/** Savings = monthly cost of licenses reclaimed and not undone, from the reclamation history. */
export async function savings(store: DataSource): Promise<{ currency: string; amount: string }[]> {
  const rows = await store.getRepository(ReclamationRequest).createQueryBuilder('r')
    .select(['r.monthlySaving AS "saving"', 'r.currency AS "currency"'])
    .where('r.state = :state AND r.dryRun = :dry AND r.monthlySaving IS NOT NULL AND r.currency IS NOT NULL', { state: 'reclaimed', dry: false })
    .getRawMany<{ saving: string; currency: string }>();
  const totals = new CurrencyTotals();
  for (const r of rows) {
    const amount = parseAmount(r.saving);
    if (amount !== null) totals.add(r.currency, amount);
  }
  return totals.list();
}
