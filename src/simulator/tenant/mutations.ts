import { GeneralApp } from './catalog-apps';
import { JOB_TITLES } from './catalog-names';
import { heldSkus, licensedWorkloads, skuIndexes } from './licenses';
import { Flag, Tenant, WORKLOADS, type WorkloadName } from './tenant';

/** Changes tests make to the tenant at run time; every surface (users, log, reports, truth) follows. */
const WORKLOAD_BITS: Readonly<Record<WorkloadName, number>> = {
  exchange: 1,
  oneDrive: 2,
  sharePoint: 4,
  skype: 8,
  yammer: 16,
  teams: 32,
};

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

/** Deletes the user: gone from /users and lookups, seats released, reports mark it deleted, users/delta says removed. */
export function deleteUser(t: Tenant, i: number, atMs: number): void {
  for (const s of skuIndexes(heldSkus(t, i))) t.consumed[s] = (t.consumed[s] ?? 0) - 1;
  t.setFlag(i, Flag.deleted, true);
  t.deletedMs[i] = atMs;
  t.touch(i);
}

/** A new job title (the next one in the catalog): a property users/delta tracks. */
export function changeJobTitle(t: Tenant, i: number): void {
  t.title[i] = ((t.title[i] ?? 0) + 1) % JOB_TITLES.length;
  t.touch(i);
}

/** Blocks or unblocks sign-in (accountEnabled). */
export function setEnabled(t: Tenant, i: number, enabled: boolean): void {
  t.setFlag(i, Flag.enabled, enabled);
  t.touch(i);
}

/**
 * The user registers for MFA (or loses every method): registration details change, no user
 * property does, so users/delta says nothing; it happens at an interactive sign-in.
 */
export function setMfaRegistered(t: Tenant, i: number, registered: boolean, atMs: number): void {
  t.setFlag(i, Flag.mfaRegistered, registered);
  markActive(t, i, atMs);
}
