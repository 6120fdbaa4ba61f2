import type { DataSource } from 'typeorm';
import { APPS } from '../store';
import { loadContext, type InsightsContext, type SkuInfo } from './context';
import { downgradeOptions, overlapOptions, type DowngradeOption, type OverlapOption } from './downgrades';
import { explainUser } from './explain';
import { CurrencyTotals, formatAmount } from './money';
import type { Policy } from './policy';
import type { Service } from './services';
import { SERVICE_LABELS } from './services';
import {
  compareMasks,
  maskGroups,
  maskOf,
  sameMasks,
  usersInMaskGroups,
  type MaskGroup,
  type MaskKey,
} from './sql/usage-masks';
import { loadUserDetails, type UserDetail } from './sql/user-facts';
import type { DowngradeCandidate, DowngradePage, MonthlyCost, OverlapFinding, OverlapPage } from './types';
import { usageSnapshot } from './usage-snapshot';

export interface PageOptions {
  /** 1-based. */
  page?: number;
  /** Default 10, at most 500. */
  pageSize?: number;
}

interface Plan {
  ctx: InsightsContext;
  bySkuBit: SkuInfo[];
  groups: MaskGroup[];
}

/** SKUs beyond a mask's bits (rare) are left out of the downgrade search. */
async function plan(store: DataSource, policy: Policy, now: Date): Promise<Plan> {
  const ctx = await loadContext(store, policy, now);
  const { bySkuBit } = await usageSnapshot(store, ctx);
  return { ctx, bySkuBit, groups: await maskGroups(store, 'candidates') };
}

const held = (p: Plan, mask: number) => p.bySkuBit.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
const skuIds = (p: Plan, mask: number) => new Set(held(p, mask).map((s) => s.skuId));
/** Sort order for amounts in micros (bigint: no subtraction to a number). */
const largestFirst = (a: bigint, b: bigint) => (b > a ? 1 : b < a ? -1 : 0);
function used(mask: number, office: number): Set<Service> {
  const out = new Set<Service>(APPS.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1));
  if (office) out.add('officeApps');
  return out;
}
const money = (s: SkuInfo): MonthlyCost => ({
  amount: formatAmount(s.price.monthly ?? 0n),
  currency: s.price.currency ?? '',
  source: s.price.source ?? 'list-price',
});
const bounds = (o: PageOptions) => {
  const pageSize = Math.min(500, Math.max(1, Math.floor(o.pageSize ?? 10)));
  const page = Math.max(1, Math.floor(o.page ?? 1));
  return { page, pageSize, offset: (page - 1) * pageSize };
};

/**
 * One page of the users in the ranked mask groups, in that order, each made an item with their
 * group's option; `total` counts every user of the groups.
 */
async function pageOfGroups<R extends { g: MaskGroup }, T>(
  store: DataSource,
  ranked: readonly R[],
  options: PageOptions,
  item: (detail: UserDetail, r: R) => T,
) {
  const { page, pageSize, offset } = bounds(options);
  const rows = await usersInMaskGroups(
    store,
    ranked.map((r) => r.g),
    offset,
    pageSize,
  );
  const details = new Map(
    (
      await loadUserDetails(
        store,
        rows.map((r) => r.id),
      )
    ).map((d) => [d.facts.id, d]),
  );
  const items: T[] = [];
  for (const row of rows) {
    const r = ranked.find((candidate) => sameMasks(candidate.g, row));
    const detail = details.get(row.id);
    if (r && detail) items.push(item(detail, r));
  }
  return { page, pageSize, total: ranked.reduce((n, r) => n + r.g.users, 0), items };
}

/** Users whose used services a cheaper owned SKU covers, largest saving first (one option per user: the best). */
export async function downgrades(
  store: DataSource,
  options: PageOptions,
  policy: Policy,
  now: Date,
): Promise<DowngradePage> {
  return downgradePage(store, await plan(store, policy, now), options);
}

/** A page of each list from one reading of the snapshot (the downgrades card shows both). */
export async function downgradesAndOverlaps(
  store: DataSource,
  options: { downgrades: PageOptions; overlaps: PageOptions },
  policy: Policy,
  now: Date,
): Promise<{ downgrades: DowngradePage; overlaps: OverlapPage }> {
  const p = await plan(store, policy, now);
  return {
    downgrades: await downgradePage(store, p, options.downgrades),
    overlaps: await overlapPage(store, p, options.overlaps),
  };
}

async function downgradePage(store: DataSource, p: Plan, options: PageOptions): Promise<DowngradePage> {
  const ranked = p.groups
    .map((g) => ({ g, best: bestDowngrade(p, g) }))
    .filter((r): r is { g: MaskGroup; best: DowngradeOption } => r.best !== undefined)
    .sort((a, b) => largestFirst(a.best.saving, b.best.saving) || compareMasks(a.g, b.g));
  const summary = new Map<string, { from: string; to: string; users: number; totals: CurrencyTotals }>();
  for (const { g, best } of ranked) {
    const key = `${best.from.skuPartNumber}>${best.to.skuPartNumber}`;
    const entry = summary.get(key) ?? {
      from: best.from.friendlyName,
      to: best.to.friendlyName,
      users: 0,
      totals: new CurrencyTotals(),
    };
    entry.users += g.users;
    entry.totals.add(best.from.price.currency!, best.saving * BigInt(g.users));
    summary.set(key, entry);
  }
  return {
    ...(await pageOfGroups(store, ranked, options, (detail, r) => candidate(p.ctx, detail, r.best))),
    groups: [...summary.values()].map((s) => ({
      from: s.from,
      to: s.to,
      users: s.users,
      monthlySaving: s.totals.list()[0] ?? { currency: '', amount: '0.00' },
    })),
  };
}

/**
 * One user's best downgrade, as the list shows it (same snapshot, same decision), or null when they
 * are not a candidate: not active, held back by an identity exclusion, or no cheaper owned SKU
 * covers what they use.
 */
export async function userDowngrade(
  store: DataSource,
  userId: string,
  policy: Policy,
  now: Date,
): Promise<DowngradeCandidate | null> {
  const one = await candidateMasks(store, userId, policy, now);
  const best = one && bestDowngrade(one.plan, one.mask);
  return one && best ? candidate(one.plan.ctx, one.detail, best) : null;
}

/** A user's masks from the snapshot and their details, when they are a candidate (active, no identity exclusion). */
async function candidateMasks(store: DataSource, userId: string, policy: Policy, now: Date) {
  const ctx = await loadContext(store, policy, now);
  const { bySkuBit } = await usageSnapshot(store, ctx);
  const mask = await maskOf(store, userId);
  const [detail] = await loadUserDetails(store, [userId]);
  return mask?.candidate && detail ? { plan: { ctx, bySkuBit, groups: [] } satisfies Plan, mask, detail } : null;
}

function bestDowngrade(p: Plan, m: MaskKey): DowngradeOption | undefined {
  return downgradeOptions(held(p, m.held), used(m.used, m.office), [...p.ctx.skus.values()], skuIds(p, m.partial)).sort(
    (a, b) => largestFirst(a.saving, b.saving),
  )[0];
}

function candidate(ctx: InsightsContext, detail: UserDetail, best: DowngradeOption): DowngradeCandidate {
  const license = explainUser(detail, ctx).licenses.find((l) => l.skuId === best.from.skuId);
  return {
    userId: detail.facts.id,
    userPrincipalName: detail.facts.userPrincipalName,
    displayName: detail.facts.displayName,
    from: {
      skuId: best.from.skuId,
      skuPartNumber: best.from.skuPartNumber,
      friendlyName: best.from.friendlyName,
      monthlyCost: money(best.from),
    },
    to: {
      skuId: best.to.skuId,
      skuPartNumber: best.to.skuPartNumber,
      friendlyName: best.to.friendlyName,
      monthlyCost: money(best.to),
      availableSeats: best.to.prepaidUnits - best.to.consumedUnits,
    },
    usedServices: best.needed.map((s) => SERVICE_LABELS[s]),
    lostPlans: best.lostPlans,
    monthlySaving: { currency: best.from.price.currency!, amount: formatAmount(best.saving) },
    listPrice: best.from.price.source === 'list-price' || best.to.price.source === 'list-price',
    reclaimable: license?.reclaimable ?? true,
  };
}

/** Users holding a SKU whose plans another SKU they hold already includes (e.g. E3 and E5). */
export async function overlaps(
  store: DataSource,
  options: PageOptions,
  policy: Policy,
  now: Date,
): Promise<OverlapPage> {
  return overlapPage(store, await plan(store, policy, now), options);
}

async function overlapPage(store: DataSource, p: Plan, options: PageOptions): Promise<OverlapPage> {
  const ranked = p.groups
    .map((g) => ({ g, first: overlapOptions(held(p, g.held), skuIds(p, g.partial))[0] }))
    .filter((r): r is { g: MaskGroup; first: OverlapOption } => r.first !== undefined)
    .sort(
      (a, b) =>
        largestFirst(a.first.redundant.price.monthly ?? 0n, b.first.redundant.price.monthly ?? 0n) ||
        compareMasks(a.g, b.g),
    );
  const summary = new Map<
    string,
    { redundant: string; coveredBy: string; users: number; monthly: bigint | null; currency: string | null }
  >();
  for (const { g, first } of ranked) {
    const key = `${first.redundant.skuId}>${first.coveredBy.skuId}`;
    const entry = summary.get(key) ?? {
      redundant: first.redundant.friendlyName,
      coveredBy: first.coveredBy.friendlyName,
      users: 0,
      monthly: first.redundant.price.monthly,
      currency: first.redundant.price.currency,
    };
    entry.users += g.users;
    summary.set(key, entry);
  }
  return {
    ...(await pageOfGroups(store, ranked, options, (detail, r) => overlapItem(p.ctx, detail, r.first))),
    groups: [...summary.values()].map((s) => ({
      redundant: s.redundant,
      coveredBy: s.coveredBy,
      users: s.users,
      monthlySaving:
        s.monthly !== null && s.currency
          ? { currency: s.currency, amount: formatAmount(s.monthly * BigInt(s.users)) }
          : null,
    })),
  };
}

/** One user's overlap, as the list shows it, or null (not a candidate, or no license inside another). */
export async function userOverlap(
  store: DataSource,
  userId: string,
  policy: Policy,
  now: Date,
): Promise<OverlapFinding | null> {
  const one = await candidateMasks(store, userId, policy, now);
  const first = one && overlapOptions(held(one.plan, one.mask.held), skuIds(one.plan, one.mask.partial))[0];
  return one && first ? overlapItem(one.plan.ctx, one.detail, first) : null;
}

function overlapItem(ctx: InsightsContext, detail: UserDetail, first: OverlapOption): OverlapFinding {
  const license = explainUser(detail, ctx).licenses.find((l) => l.skuId === first.redundant.skuId);
  return {
    userId: detail.facts.id,
    userPrincipalName: detail.facts.userPrincipalName,
    displayName: detail.facts.displayName,
    redundant: {
      skuId: first.redundant.skuId,
      skuPartNumber: first.redundant.skuPartNumber,
      friendlyName: first.redundant.friendlyName,
      monthlyCost: first.redundant.price.monthly !== null ? money(first.redundant) : null,
    },
    coveredBy: {
      skuId: first.coveredBy.skuId,
      skuPartNumber: first.coveredBy.skuPartNumber,
      friendlyName: first.coveredBy.friendlyName,
    },
    reclaimable: license?.reclaimable ?? true,
  };
}
