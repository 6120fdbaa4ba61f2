import assert from 'node:assert/strict';
import { assignLicense as assignLicenseIn } from '../../src/graph';
import { DEFAULT_POLICY, type Policy } from '../../src/insights';
import { createLogger } from '../../src/logging/logger';
import { policyChecks } from '../../src/reclamation/fits';
import type { PlanDeps } from '../../src/reclamation/plan';
import { Reclamation } from '../../src/reclamation/service';
import type { SyncBed } from './sync';

/** The requester of the reclamation tests (an admin's Entra object id). */
export const REQUESTER = 'aaaaaaaa-0000-0000-0000-00000000aaaa';
/** The approver of the requests `inactiveRequest` makes. */
export const APPROVER = 'bbbbbbbb-0000-0000-0000-00000000bbbb';

/** Planning over a sync bed: the default policy unless a test changes part of it, no configured approvers. */
export function planDeps(bed: SyncBed, policy: Partial<Policy> = {}): PlanDeps {
  return {
    graph: bed.graph,
    dataSource: bed.dataSource,
    policy: { ...DEFAULT_POLICY, ...policy },
    approvers: [],
    now: new Date(),
  };
}

/** The reclamation service over a sync bed; `checks` adds the stored policy's checks at execution, as the app wires them. */
export function reclamationService(bed: SyncBed, options: { checks?: boolean } = {}): Reclamation {
  return new Reclamation({
    graph: bed.graph,
    dataSource: bed.dataSource,
    log: createLogger({ level: 'silent', secrets: [] }),
    ...(options.checks ? policyChecks(bed.dataSource, () => new Date()) : {}),
  });
}

/** assignLicense calls in the simulator's call log. */
export const assignCalls = (bed: SyncBed) =>
  bed.sim.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));

/** Changes a user's licenses in the simulated tenant (as an admin would in the portal), through Graph. */
export function assignLicense(
  bed: SyncBed,
  userId: string,
  add: { skuId: string; disabledPlans: string[] }[],
  remove: string[],
) {
  return assignLicenseIn(bed.graph, userId, { addLicenses: add, removeLicenses: remove });
}

/**
 * A request (state requested) to remove the direct license of an enabled member inactive 90+ days,
 * per the simulator's truth: the `nth` such user (0, the first, by default).
 */
export async function inactiveRequest(
  bed: SyncBed,
  reclamation: Reclamation,
  options: { nth?: number; dryRun?: boolean; expiresAt?: string } = {},
) {
  const direct = new Set(bed.sim.control.usersInCategory('direct-license'));
  const blocked = new Set(bed.sim.control.usersInCategory('blocked'));
  const id = bed.sim.control.usersInCategory('inactive-90').filter((u) => direct.has(u) && !blocked.has(u))[
    options.nth ?? 0
  ];
  assert.ok(id, 'the tenant has enough inactive users with a direct license');
  const truth = bed.sim.control.userTruth(id);
  const license = truth.licenses.find((l) => l.assignment === 'direct')!;
  return reclamation.requests.create(
    {
      userId: truth.id,
      userPrincipalName: truth.userPrincipalName,
      skuId: license.skuId,
      reason: 'inactive',
      evidence: { lastUse: truth.lastActivity },
      requestedBy: REQUESTER,
      approverId: APPROVER,
      dryRun: options.dryRun ?? false,
      expiresAt: options.expiresAt ?? '2999-01-01T00:00:00.000Z',
    },
    new Date(),
  );
}
