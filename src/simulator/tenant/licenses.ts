import { GROUPS, skusFromGroups } from './catalog-groups';
import { SKUS, skuAt } from './catalog-skus';
import { Flag, Tenant } from './tenant';

/**
 * License state derived from a user's direct SKU mask and group memberships. A SKU held both directly
 * and through a group consumes one seat and appears once in assignedLicenses but twice in
 * licenseAssignmentStates (docs/graph-behaviour.md §2.2).
 */
const GROUP_SKU_TABLE = Uint16Array.from({ length: 256 }, (_, mask) => skusFromGroups(mask));

export function groupSkus(t: Tenant, i: number): number {
  return GROUP_SKU_TABLE[t.groups[i] ?? 0] ?? 0;
}

export function heldSkus(t: Tenant, i: number): number {
  return (t.directSkus[i] ?? 0) | groupSkus(t, i);
}

export function skuIndexes(mask: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < SKUS.length; s++) if (mask & (1 << s)) out.push(s);
  return out;
}

export function disabledPlansOf(t: Tenant, i: number, sku: number): readonly string[] {
  return t.disabledPlans.get(i)?.get(sku) ?? [];
}

/** Union of the report workloads the user's enabled service plans license. */
export function licensedWorkloads(t: Tenant, i: number): number {
  let mask = 0;
  for (const s of skuIndexes(heldSkus(t, i))) {
    const disabled = disabledPlansOf(t, i, s);
    for (const plan of skuAt(s).plans) if (!disabled.includes(plan.id)) mask |= plan.workload;
  }
  return mask;
}

export interface AssignmentState {
  readonly sku: number;
  readonly groupIndex: number | null;
}

export function assignmentStates(t: Tenant, i: number): AssignmentState[] {
  const states: AssignmentState[] = skuIndexes(t.directSkus[i] ?? 0).map((sku) => ({ sku, groupIndex: null }));
  GROUPS.forEach((group, g) => {
    if ((t.groups[i] ?? 0) & (1 << g)) for (const sku of group.licenseSkus) states.push({ sku, groupIndex: g });
  });
  return states;
}

function countsTowardSeats(t: Tenant, i: number): boolean {
  return !t.has(i, Flag.deleted);
}

export function recountConsumed(t: Tenant): void {
  t.consumed.fill(0);
  for (let i = 0; i < t.size; i++) {
    if (!countsTowardSeats(t, i)) continue;
    for (const s of skuIndexes(heldSkus(t, i))) t.consumed[s] = (t.consumed[s] ?? 0) + 1;
  }
}

export function availableSeats(t: Tenant, sku: number): number {
  return (t.seats[sku]?.enabled ?? 0) - (t.consumed[sku] ?? 0);
}

/** When the SKU was assigned to the user: its own time when it was assigned apart, else the user's license time. */
export function assignedAt(t: Tenant, i: number, sku: number): number {
  return t.skuAssignedMs.get(i)?.get(sku) ?? t.licensedMs[i] ?? 0;
}

export function setAssignedAt(t: Tenant, i: number, sku: number, ms: number): void {
  const perSku = t.skuAssignedMs.get(i) ?? new Map<number, number>();
  perSku.set(sku, ms);
  t.skuAssignedMs.set(i, perSku);
}

export interface LicenseChange {
  readonly add: readonly { readonly sku: number; readonly disabledPlans: readonly string[] }[];
  readonly remove: readonly number[];
}

/** Applies a validated change to the direct assignments and keeps seat counts in step. */
export function applyLicenseChange(t: Tenant, i: number, change: LicenseChange, nowMs: number): void {
  const before = heldSkus(t, i);
  let direct = t.directSkus[i] ?? 0;
  for (const sku of change.remove) {
    direct &= ~(1 << sku);
    t.disabledPlans.get(i)?.delete(sku);
  }
  for (const { sku, disabledPlans } of change.add) {
    direct |= 1 << sku;
    const perUser = t.disabledPlans.get(i) ?? new Map<number, readonly string[]>();
    if (disabledPlans.length > 0) perUser.set(sku, [...disabledPlans]);
    else perUser.delete(sku);
    if (perUser.size > 0) t.disabledPlans.set(i, perUser);
    else t.disabledPlans.delete(i);
  }
  t.directSkus[i] = direct;
  if (change.add.length > 0) t.licensedMs[i] = nowMs;
  t.touch(i);
  // Each added assignment's lastUpdatedDateTime is its own (a Copilot seat's grace period starts there).
  for (const { sku } of change.add) setAssignedAt(t, i, sku, nowMs);
  const after = heldSkus(t, i);
  for (let s = 0; s < SKUS.length; s++) {
    const delta = ((after >> s) & 1) - ((before >> s) & 1);
    if (delta !== 0) t.consumed[s] = (t.consumed[s] ?? 0) + delta;
  }
}
