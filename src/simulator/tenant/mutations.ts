import { GeneralApp } from './catalog-apps';
import { heldSkus, licensedWorkloads, skuIndexes } from './licenses';
import { Flag, Tenant, WORKLOADS, type WorkloadName } from './tenant';

/** Changes tests make to the tenant at run time; every surface (users, log, reports, truth) follows. */
const WORKLOAD_BITS: Readonly<Record<WorkloadName, number>> = { exchange: 1, oneDrive: 2, sharePoint: 4, skype: 8, yammer: 16, teams: 32 };

/**
 * The user signs in interactively at `atMs` and uses `workloads` (default: every licensed one of
 * Exchange and Teams). Reports show it once their refresh date reaches that day.
 */
export function markActive(t: Tenant, i: number, atMs: number, workloads?: readonly WorkloadName[]): void {
  const at = Math.floor(atMs / 1000) * 1000;
  const licensed = licensedWorkloads(t, i);
  const used = workloads ?? (['exchange', 'teams'] as const).filter((w) => licensed & WORKLOAD_BITS[w]);
  for (const w of used) {
    const k = WORKLOADS.indexOf(w);
    const column = t.workloadLast[k];
    if (column) column[i] = Math.max(column[i] ?? 0, at);
  }
  t.lastInteractive[i] = Math.max(t.lastInteractive[i] ?? 0, at);
  t.lastSuccess[i] = Math.max(t.lastSuccess[i] ?? 0, at);
  if (used.length > 0) t.lastNonInteractive[i] = Math.max(t.lastNonInteractive[i] ?? 0, at);
  t.signIns.insert(at, i, used.includes('teams') ? GeneralApp.teams : GeneralApp.officeHome, 0);
}

/** Deletes the user: gone from /users and lookups, seats released, reports mark it deleted. */
export function deleteUser(t: Tenant, i: number, atMs: number): void {
  for (const s of skuIndexes(heldSkus(t, i))) t.consumed[s] = (t.consumed[s] ?? 0) - 1;
  t.setFlag(i, Flag.deleted, true);
  t.deletedMs[i] = atMs;
}

