import type { DataSource } from 'typeorm';
import { getManager, GraphError, type GraphClient, type Manager } from '../graph';
import {
  CHANGE_KIND,
  USER_STATE,
  userDowngrade,
  userFinding,
  userOverlap,
  type MonthlyCost,
  type OverlapFinding,
  type Policy,
  type RequestReason,
} from '../insights';
import { isUniqueViolation, ReclamationRequests, type ReclamationRequest } from '../store';
import type { HolderPlan } from './holder';
import { keepsLicensed } from './recheck';

/** One request to be made: one user, one SKU, its reason and its approver. */
export interface PlanItem {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  skuId: string;
  skuName: string;
  /** Downgrade: the cheaper SKU assigned in the same call that removes `skuId`. */
  to?: { skuId: string; skuName: string };
  reason: RequestReason;
  /** The finding's evidence at request time, kept with the request. */
  evidence: Record<string, unknown>;
  monthlySaving: MonthlyCost | null;
  approver: { id: string; displayName: string | null; source: 'manager' | 'configured' };
}

export interface PlanRefusal {
  skuName?: string;
  why: string;
}

/**
 * What identifies an item between the preview and Confirm: the user, the SKU, the replacement and
 * the reason. Confirm creates only items the requester saw.
 */
export function planItemKey(item: Pick<PlanItem, 'userId' | 'skuId' | 'to' | 'reason'>): string {
  return `${item.userId}:${item.skuId}>${item.to?.skuId ?? ''}:${item.reason}`;
}

/** The license an item is about: its name, and for a downgrade "old → new". */
export const itemLicense = (i: Pick<PlanItem, 'skuName' | 'to'>): string =>
  i.to ? `${i.skuName} → ${i.to.skuName}` : i.skuName;

/**
 * Keeps the items the requester saw in the preview; any other becomes a refusal (the user's
 * situation changed between the preview and Confirm).
 */
export function keepPreviewed(plan: Plan, previewed: ReadonlySet<string>): Plan {
  const seen = plan.items.filter((i) => previewed.has(planItemKey(i)));
  const changed = plan.items
    .filter((i) => !previewed.has(planItemKey(i)))
    .map((i) => ({
      skuName: itemLicense(i),
      why: "Not in the preview you confirmed (the user's licenses or activity changed since): preview again to request it.",
    }));
  return { ...plan, items: seen, refusals: [...plan.refusals, ...changed] };
}

/** What the requester sees before confirming: nothing is created by planning. */
export interface Plan {
  userPrincipalName: string;
  items: PlanItem[];
  refusals: PlanRefusal[];
}

export interface PlanDeps {
  graph: GraphClient;
  dataSource: DataSource;
  policy: Policy;
  /** Configured approvers (Entra object ids), used when the user has no manager. */
  approvers: readonly string[];
  now: Date;
}

/**
 * Plans a reclamation for a user (every managed, directly assigned license, or one SKU; for an
 * active user, a license another of theirs includes). Refuses,
 * with the reason, what must not be requested: unknown users, active users without such a license, excluded users,
 * group-inherited licenses (name the group), licenses already requested, and a requester who
 * would approve their own request.
 */
export async function planReclamation(
  deps: PlanDeps,
  user: string,
  requestedBy: string,
  skuId?: string,
): Promise<Plan> {
  const insight = await userFinding(deps.dataSource, user, deps.policy, deps.now);
  if (!insight)
    return {
      userPrincipalName: user,
      items: [],
      refusals: [{ why: `No user ${user} is known. Check the UPN, or run a sync.` }],
    };
  const plan: Plan = { userPrincipalName: insight.userPrincipalName, items: [], refusals: [] };
  const finding = insight.finding;
  if (!finding) {
    // An active user may still hold a license another of theirs includes (e.g. E3 next to E5).
    const overlap =
      insight.state === USER_STATE.active
        ? await userOverlap(deps.dataSource, insight.userId, deps.policy, deps.now)
        : null;
    const named = (s: { skuId: string; skuPartNumber: string }) =>
      !skuId || s.skuId === skuId.toLowerCase() || s.skuPartNumber.toLowerCase() === skuId.toLowerCase();
    if (overlap && named(overlap.redundant)) return planOverlap(deps, plan, overlap, requestedBy);
    plan.refusals.push({ why: `${insight.userPrincipalName} is ${insight.state}: there is nothing to reclaim.` });
    return plan;
  }
  if (finding.status === 'excluded') {
    plan.refusals.push({
      why: `${insight.userPrincipalName} is excluded: ${finding.exclusions.map((e) => e.reason.replace(/\.$/, '')).join('; ')}.`,
    });
    return plan;
  }
  const licenses = skuId
    ? finding.licenses.filter(
        (l) => l.skuId === skuId.toLowerCase() || l.skuPartNumber.toLowerCase() === skuId.toLowerCase(),
      )
    : finding.licenses;
  if (skuId && licenses.length === 0)
    plan.refusals.push({ why: `${insight.userPrincipalName} holds no managed license ${skuId}.` });
  const approver = await resolveApprover(deps, insight.userId, requestedBy);
  const open = await new ReclamationRequests(deps.dataSource).openForUser(insight.userId);
  // A change that keeps the user licensed was judged on the licenses they hold now: nothing else goes with it.
  const change = open.find(keepsLicensed);
  for (const license of licenses) {
    if (!license.reclaimable) {
      plan.refusals.push({
        skuName: license.friendlyName,
        why: license.note ?? 'Assigned by a group: it cannot be removed from one user.',
      });
      continue;
    }
    if (open.some((r) => r.skuId === license.skuId) || change) {
      plan.refusals.push({
        skuName: license.friendlyName,
        why:
          change && change.skuId !== license.skuId ? openChange(change) : 'A request for this license is already open.',
      });
      continue;
    }
    if (!approver.ok) {
      plan.refusals.push({ skuName: license.friendlyName, why: approver.why });
      continue;
    }
    plan.items.push({
      userId: insight.userId,
      userPrincipalName: insight.userPrincipalName,
      displayName: insight.displayName,
      skuId: license.skuId,
      skuName: license.friendlyName,
      reason: finding.kind,
      evidence: {
        lastUse: finding.evidence.latest?.date ?? null,
        lastUseSource: finding.evidence.latest?.source ?? null,
        daysSinceLastUse: finding.evidence.daysSinceLatest,
        accountEnabled: finding.evidence.accountEnabled,
        confidence: finding.confidence.level,
        // Last use per app, for the holder's card: what they are asked about, in their own terms.
        apps: finding.evidence.apps.filter((a) => a.date).map((a) => ({ app: a.label, date: a.date })),
      },
      monthlySaving: license.monthlyCost,
      approver: approver.approver,
    });
  }
  return plan;
}

/** The redundant license of an overlap: removed like any other, once approved; the user keeps the one that includes it. */
function planOverlap(deps: PlanDeps, plan: Plan, overlap: OverlapFinding, requestedBy: string): Promise<Plan> {
  const { redundant, coveredBy } = overlap;
  return admit(
    deps,
    plan,
    requestedBy,
    {
      userId: overlap.userId,
      userPrincipalName: overlap.userPrincipalName,
      displayName: overlap.displayName,
      skuId: redundant.skuId,
      skuName: redundant.friendlyName,
      reason: CHANGE_KIND.overlap,
      evidence: { coveredBy: coveredBy.skuId, coveredByName: coveredBy.friendlyName },
      monthlySaving: redundant.monthlyCost,
    },
    overlap.reclaimable ? null : 'Assigned by a group: it cannot be removed from one user.',
  );
}

/**
 * Plans a downgrade for a user: the one the downgrade list shows for them (the cheaper owned SKU
 * that covers the services they used in 90 days), removing the old SKU and assigning the new one
 * in one call once approved. Refused, with the reason: unknown users, users who are not a candidate
 * any more, a group-assigned license, no free seat of the new SKU, an open request for the license.
 */
export async function planDowngrade(deps: PlanDeps, user: string, requestedBy: string): Promise<Plan> {
  const insight = await userFinding(deps.dataSource, user, deps.policy, deps.now);
  if (!insight)
    return {
      userPrincipalName: user,
      items: [],
      refusals: [{ why: `No user ${user} is known. Check the UPN, or run a sync.` }],
    };
  const plan: Plan = { userPrincipalName: insight.userPrincipalName, items: [], refusals: [] };
  const candidate = await userDowngrade(deps.dataSource, insight.userId, deps.policy, deps.now);
  if (!candidate) {
    plan.refusals.push({
      why: `${insight.userPrincipalName} is not a downgrade candidate: no cheaper license the tenant owns covers what they used in 90 days, or they are ${insight.state === USER_STATE.active ? 'excluded by policy' : insight.state}.`,
    });
    return plan;
  }
  const { from, to } = candidate;
  const refusal = !candidate.reclaimable
    ? `${from.friendlyName} is assigned by a group: change the group, not the user.`
    : to.availableSeats <= 0
      ? `No ${to.friendlyName} seat is free: buy one, or free one first.`
      : null;
  return admit(
    deps,
    plan,
    requestedBy,
    {
      userId: insight.userId,
      userPrincipalName: insight.userPrincipalName,
      displayName: insight.displayName,
      skuId: from.skuId,
      skuName: from.friendlyName,
      to: { skuId: to.skuId, skuName: to.friendlyName },
      reason: CHANGE_KIND.downgrade,
      evidence: {
        usedServices: candidate.usedServices,
        lostPlans: candidate.lostPlans,
        listPrice: candidate.listPrice,
      },
      monthlySaving: { ...candidate.monthlySaving, source: candidate.listPrice ? 'list-price' : 'entered' },
    },
    refusal,
  );
}

/**
 * The last checks of a one-license plan (a downgrade or an overlap removal, judged on every license
 * the user holds): the caller's own refusal, any open request for the user, an approver other than
 * the requester; then the item, with its approver.
 */
export async function admit(
  deps: PlanDeps,
  plan: Plan,
  requestedBy: string,
  item: Omit<PlanItem, 'approver'>,
  refusal: string | null,
): Promise<Plan> {
  const skuName = itemLicense(item);
  const open = refusal ? [] : await new ReclamationRequests(deps.dataSource).openForUser(item.userId);
  const same = open.find((r) => r.skuId === item.skuId);
  const why = refusal ?? (same ? 'A request for this license is already open.' : open[0] ? openChange(open[0]) : null);
  if (why) {
    plan.refusals.push({ skuName, why });
    return plan;
  }
  const approver = await resolveApprover(deps, item.userId, requestedBy);
  if (!approver.ok) plan.refusals.push({ skuName, why: approver.why });
  else plan.items.push({ ...item, approver: approver.approver });
  return plan;
}

function openChange(r: ReclamationRequest): string {
  const what = r.toSkuId
    ? 'downgrade'
    : r.reason === CHANGE_KIND.overlap
      ? 'removal of an included license'
      : 'removal';
  return `A ${what} request for this user (${String(r.evidence['skuName'] ?? r.skuId)}) is still open (${r.state}): decide or finish it first.`;
}

/**
 * Creates the planned requests (after the requester confirmed), each with its audit row. `holder`
 * says, item by item, whether the license holder is asked first (src/reclamation/holder.ts): then
 * the request starts `asking`, else `requested` (with why the holder was left out, if they were).
 */
export async function createRequests(
  dataSource: DataSource,
  plan: Plan,
  requestedBy: string,
  options: { dryRun: boolean; expiryDays: number; now: Date; holder?: (item: PlanItem) => Promise<HolderPlan> },
): Promise<ReclamationRequest[]> {
  const requests = new ReclamationRequests(dataSource);
  const created: ReclamationRequest[] = [];
  for (const item of plan.items) {
    const holder = (await options.holder?.(item)) ?? { ask: false, answer: null };
    const request = await requests
      .create(
        {
          userId: item.userId,
          userPrincipalName: item.userPrincipalName,
          skuId: item.skuId,
          ...(item.to ? { toSkuId: item.to.skuId } : {}),
          reason: item.reason,
          // The cost's source travels with the saving: savings say per figure whether it was entered.
          evidence: {
            ...item.evidence,
            skuName: item.skuName,
            ...(item.to ? { toSkuName: item.to.skuName } : {}),
            approverName: item.approver.displayName,
            costSource: item.monthlySaving?.source ?? null,
            ...(item.displayName ? { userName: item.displayName } : {}),
          },
          requestedBy,
          approverId: item.approver.id,
          monthlySaving: item.monthlySaving?.amount ?? null,
          currency: item.monthlySaving?.currency ?? null,
          dryRun: options.dryRun,
          expiresAt: new Date(options.now.getTime() + options.expiryDays * 86_400_000).toISOString(),
          ...(holder.ask
            ? { state: 'asking' as const, holderAnswer: 'asking' as const }
            : holder.answer
              ? { holderAnswer: holder.answer, holderNote: holder.note }
              : {}),
        },
        options.now,
      )
      .catch((error: unknown) => {
        // Someone confirmed the same license a moment earlier: the database keeps one open request.
        if (isUniqueViolation(error)) return null;
        throw error;
      });
    if (request) created.push(request);
  }
  return created;
}

type ApproverResult = { ok: true; approver: PlanItem['approver'] } | { ok: false; why: string };

/** The user's manager in Entra; without one, the first configured approver who is not the requester. */
async function resolveApprover(deps: PlanDeps, userId: string, requestedBy: string): Promise<ApproverResult> {
  let manager: Manager | null = null;
  try {
    manager = await getManager(deps.graph, userId);
  } catch (error) {
    if (!(error instanceof GraphError && error.isNotFound)) throw error;
  }
  if (manager && manager.id !== requestedBy)
    return { ok: true, approver: { id: manager.id, displayName: manager.displayName ?? null, source: 'manager' } };
  const configured = deps.approvers.find((id) => id !== requestedBy);
  if (configured) return { ok: true, approver: { id: configured, displayName: null, source: 'configured' } };
  if (manager)
    return {
      ok: false,
      why: "You are the user's manager, and no other approver is configured: requester and approver must differ.",
    };
  return { ok: false, why: 'The user has no manager in Entra ID and no approvers are configured (policy).' };
}
