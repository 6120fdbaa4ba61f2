import type { DataSource } from 'typeorm';
import { readCatalog, type ServicePlanInfo } from '../store';
import { dataNotes, groupNotes } from './confidence';
import { dayOf } from './dates';
import type { Policy } from './policy';
import { ruleParams, type RuleParams } from './rule-params';
import { costRecordOf, priceOf, type SkuPrice } from './spend';
import { readDataAvailability, type DataAvailability } from './sql/data-availability';
import type { ConfidenceNote } from './types';

export interface SkuInfo {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  managed: boolean;
  appliesTo: string;
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: number;
  servicePlans: ServicePlanInfo[];
  price: SkuPrice;
}

/** Everything a evaluation needs besides the users: resolved once per request (small tables only). */
export interface InsightsContext {
  now: Date;
  today: string;
  policy: Policy;
  params: RuleParams;
  skus: Map<string, SkuInfo>;
  groups: Map<string, string>;
  data: DataAvailability;
  notes: ConfidenceNote[];
  unresolvedGroups: string[];
}

export async function loadContext(store: DataSource, policy: Policy, now: Date): Promise<InsightsContext> {
  const [catalog, data] = await Promise.all([readCatalog(store), readDataAvailability(store)]);
  const today = dayOf(now.getTime());
  const skus = new Map<string, SkuInfo>();
  for (const sku of catalog.skus) {
    // In entry order (id), which breaks ties between records in force.
    const records = catalog.costs
      .filter((c) => c.skuId.toLowerCase() === sku.skuId.toLowerCase())
      .map((c) => costRecordOf(c));
    skus.set(sku.skuId.toLowerCase(), {
      skuId: sku.skuId.toLowerCase(),
      skuPartNumber: sku.skuPartNumber,
      friendlyName: sku.friendlyName,
      managed: Boolean(sku.managed),
      appliesTo: sku.appliesTo,
      capabilityStatus: sku.capabilityStatus,
      consumedUnits: sku.consumedUnits,
      prepaidUnits: sku.prepaidEnabled,
      servicePlans: sku.servicePlans,
      price: priceOf(sku, records, today),
    });
  }
  const { params, unresolvedGroups } = ruleParams({
    policy,
    now,
    skus: [...skus.values()].map((s) => ({ skuId: s.skuId, managed: s.managed, free: s.price.monthly === 0n })),
    groups: catalog.groups,
    data: { signIns: data.signIns, reports: data.reports },
  });
  return {
    now,
    today,
    policy,
    params,
    skus,
    groups: new Map(catalog.groups.map((g) => [g.id.toLowerCase(), g.displayName])),
    data,
    notes: [...dataNotes(data, policy, now), ...groupNotes(unresolvedGroups)],
    unresolvedGroups,
  };
}
