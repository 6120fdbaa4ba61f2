import { DEFAULT_POLICY, type Policy } from '../../src/insights';
import { createLogger } from '../../src/logging/logger';
import { policyChecks } from '../../src/reclamation/fits';
import type { PlanDeps } from '../../src/reclamation/plan';
import { Reclamation, WRITE_PERMISSION } from '../../src/reclamation/service';
import type { SyncBed } from './sync';

/** The requester of the reclamation tests (an admin's Entra object id). */
export const REQUESTER = 'aaaaaaaa-0000-0000-0000-00000000aaaa';

/** Planning over a sync bed: the default policy unless a test changes part of it, no configured approvers. */
export function planDeps(bed: SyncBed, policy: Partial<Policy> = {}): PlanDeps {
  return { graph: bed.graph, dataSource: bed.dataSource, policy: { ...DEFAULT_POLICY, ...policy }, approvers: [], now: new Date() };
}

/** The reclamation service over a sync bed; `checks` adds the stored policy's checks at execution, as the app wires them. */
export function reclamationService(bed: SyncBed, options: { checks?: boolean } = {}): Reclamation {
  return new Reclamation({
    graph: bed.graph, dataSource: bed.dataSource, log: createLogger({ level: 'silent', secrets: [] }),
    ...(options.checks ? policyChecks(bed.dataSource, () => new Date()) : {}),
  });
}

/** assignLicense calls in the simulator's call log. */
export const assignCalls = (bed: SyncBed) => bed.sim.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));

/** Changes a user's licenses in the simulated tenant (as an admin would in the portal), through Graph. */
export function assignLicense(bed: SyncBed, userId: string, add: { skuId: string; disabledPlans: string[] }[], remove: string[]) {
  return bed.graph.postRecorded(`/v1.0/users/${userId}/assignLicense`, { addLicenses: add, removeLicenses: remove }, { permission: WRITE_PERMISSION });
}
