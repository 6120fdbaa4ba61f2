import type { SkuInfo } from './context';
import type { Service } from './services';
import { skuServices } from './services';

/**
 * License differentiation (docs/product-rules.md R17, R30): a downgrade is a cheaper SKU the tenant owns whose plans cover
 * every service the user used in the window that the current SKU gave them (services their other
 * SKUs also give are not needed from it); an overlap is a SKU whose service plans all sit inside
 * another SKU the user holds (e.g. Office 365 E3 next to Microsoft 365 E5).
 *
 * A license assigned with a service plan turned off (`partial`) gives less than its SKU lists, so
 * it never counts as giving a service to another SKU or as covering one: the answer may miss a
 * downgrade, never suggest one that takes a service away.
 */
export interface DowngradeOption {
  from: SkuInfo;
  to: SkuInfo;
  needed: Service[];
  lostPlans: string[];
  /** Per month, in the SKUs' shared currency. */
  saving: bigint;
}

export interface OverlapOption {
  redundant: SkuInfo;
  coveredBy: SkuInfo;
}

const priced = (s: SkuInfo) => s.price.monthly !== null && s.price.currency !== null;

/** The best downgrade per held SKU (largest saving; ties by part number). `partial`: skuIds of held licenses with a plan turned off. */
export function downgradeOptions(
  held: readonly SkuInfo[],
  used: ReadonlySet<Service>,
  owned: readonly SkuInfo[],
  partial: ReadonlySet<string> = new Set(),
): DowngradeOption[] {
  if (used.size === 0) return [];
  const out: DowngradeOption[] = [];
  const heldIds = new Set(held.map((s) => s.skuId));
  for (const from of held) {
    if (!priced(from)) continue;
    const provides = skuServices(from.servicePlans);
    const others = new Set(
      held.filter((h) => h !== from && !partial.has(h.skuId)).flatMap((h) => [...skuServices(h.servicePlans)]),
    );
    const needed = [...used].filter((s) => provides.has(s) && !others.has(s));
    // Nothing used that only this SKU gives: it is idle for the user, not a downgrade question.
    if (needed.length === 0) continue;
    let best: DowngradeOption | null = null;
    for (const to of owned) {
      if (
        heldIds.has(to.skuId) ||
        !to.managed ||
        to.appliesTo !== 'User' ||
        to.capabilityStatus !== 'Enabled' ||
        !priced(to)
      )
        continue;
      if (to.price.currency !== from.price.currency || to.price.monthly! >= from.price.monthly!) continue;
      const covers = skuServices(to.servicePlans);
      if (!needed.every((s) => covers.has(s))) continue;
      const saving = from.price.monthly! - to.price.monthly!;
      if (!best || saving > best.saving || (saving === best.saving && to.skuPartNumber < best.to.skuPartNumber)) {
        const toPlans = new Set(to.servicePlans.map((p) => p.servicePlanName));
        best = {
          from,
          to,
          needed,
          saving,
          lostPlans: from.servicePlans
            .map((p) => p.servicePlanName)
            .filter((n) => !toPlans.has(n))
            .sort(),
        };
      }
    }
    if (best) out.push(best);
  }
  return out;
}

/** Pairs where every enabled service plan of one held SKU is inside another held SKU assigned with all its plans on. */
export function overlapOptions(held: readonly SkuInfo[], partial: ReadonlySet<string> = new Set()): OverlapOption[] {
  const plans = (s: SkuInfo) =>
    new Set(
      s.servicePlans.filter((p) => p.provisioningStatus !== 'Disabled').map((p) => p.servicePlanId.toLowerCase()),
    );
  const out: OverlapOption[] = [];
  for (const a of held) {
    const inner = plans(a);
    if (inner.size === 0) continue;
    // The covering SKU with the most plans (the fullest suite) is named; equal sets: keep the pricier one.
    const covering = held
      .filter((b) => b !== a && !partial.has(b.skuId) && [...inner].every((id) => plans(b).has(id)))
      .filter(
        (b) =>
          plans(b).size > inner.size ||
          (a.price.monthly ?? 0n) < (b.price.monthly ?? 0n) ||
          ((a.price.monthly ?? 0n) === (b.price.monthly ?? 0n) && a.skuPartNumber > b.skuPartNumber),
      )
      .sort((x, y) => plans(y).size - plans(x).size || x.skuPartNumber.localeCompare(y.skuPartNumber));
    if (covering[0]) out.push({ redundant: a, coveredBy: covering[0] });
  }
  return out;
}
