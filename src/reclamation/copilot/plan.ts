import { copilotSeat, COPILOT_IDLE, type CopilotSeat } from '../../insights';
import { admit, type Plan, type PlanDeps } from '../plan';

/** What a Copilot request keeps of the seat as it was judged: the execution re-checks against it. */
export function copilotEvidence(seat: CopilotSeat): Record<string, unknown> {
  return {
    accountEnabled: seat.accountEnabled,
    lastCopilotUse: seat.lastUse,
    copilotApps: Object.fromEntries(seat.apps.map((a) => [a.app, a.date])),
    assignedAt: seat.assignedAt,
    daysIdle: seat.daysIdle,
    seatState: seat.state,
    asOf: seat.asOf,
    confidence: seat.confidence.level,
  };
}

/**
 * Plans the reclamation of an idle Copilot seat: the holder's Copilot license only, as any license
 * (to the manager, or a configured approver), refused with the reason when the seat is not idle,
 * the policy holds it back, a group assigns it, or a request for the user is open.
 */
export async function planCopilotReclamation(deps: PlanDeps, user: string, requestedBy: string): Promise<Plan> {
  const seat = await copilotSeat(deps.dataSource, user, deps.policy, deps.now);
  if (!seat)
    return {
      userPrincipalName: user,
      items: [],
      refusals: [{ why: `${user} holds no Microsoft 365 Copilot license (as of the last sync), or is not known.` }],
    };
  const plan: Plan = { userPrincipalName: seat.userPrincipalName, items: [], refusals: [] };
  if (seat.status === null) {
    const why =
      seat.state === 'grace'
        ? `the seat was assigned on ${seat.assignedAt?.slice(0, 10)}, within the ${deps.policy.copilotGraceDays}-day grace period`
        : `Copilot was used on ${seat.lastUse}`;
    plan.refusals.push({ skuName: seat.skuName, why: `${seat.userPrincipalName}'s Copilot seat is not idle: ${why}.` });
    return plan;
  }
  if (seat.status === 'excluded') {
    plan.refusals.push({
      skuName: seat.skuName,
      why: `${seat.userPrincipalName} is excluded: ${seat.exclusions.map((e) => e.reason.replace(/\.$/, '')).join('; ')}.`,
    });
    return plan;
  }
  return admit(
    deps,
    plan,
    requestedBy,
    {
      userId: seat.userId,
      userPrincipalName: seat.userPrincipalName,
      displayName: seat.displayName,
      skuId: seat.skuId,
      skuName: seat.skuName,
      reason: COPILOT_IDLE,
      evidence: copilotEvidence(seat),
      monthlySaving: seat.monthlyCost,
    },
    seat.reclaimable ? null : (seat.note ?? 'Assigned by a group: it cannot be removed from one user.'),
  );
}
