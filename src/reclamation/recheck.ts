import type { DataSource } from 'typeorm';
import { getUserLicenseState, GraphError, realInstant, type GraphClient, type UserLicenseState } from '../graph';
import { CHANGE_KIND, FINDING_KIND } from '../insights';
import { UserLicense, type ReclamationRequest } from '../store';

export type FreshUser = UserLicenseState;

export type Recheck = { ok: true; disabledPlans: string[] } | { ok: false; why: string };

/**
 * Reads the user from Graph now (never from our store): the state the removal will act on. Null
 * only when Graph says the user does not exist; any other failure throws.
 */
export async function readUser(graph: GraphClient, userId: string, withSignIn: boolean): Promise<FreshUser | null> {
  try {
    return await getUserLicenseState(graph, userId, { withSignIn });
  } catch (error) {
    if (error instanceof GraphError && error.isNotFound) return null;
    throw error;
  }
}

/**
 * Downgrades and overlap removals: the user keeps a license, and the change was judged on every
 * license they hold (so it is checked against them again, and runs alone).
 */
export const keepsLicensed = (request: ReclamationRequest): boolean =>
  request.toSkuId !== null || request.reason === CHANGE_KIND.overlap;

/** True when the user still holds the SKU in any way (direct or by group). */
export function holds(user: FreshUser, skuId: string): boolean {
  return user.assignedLicenses.some((l) => l.skuId.toLowerCase() === skuId.toLowerCase());
}

/**
 * How the user's licenses in Graph now differ from the store's (SKUs held, and which have a plan
 * turned off), or null when they agree: what a downgrade or an overlap was judged on.
 */
export async function licensesDrift(store: DataSource, user: FreshUser): Promise<string | null> {
  const stored = new Map<string, boolean>();
  for (const l of await store.getRepository(UserLicense).findBy({ userId: user.id })) {
    const sku = l.skuId.toLowerCase();
    stored.set(sku, (stored.get(sku) ?? false) || l.disabledPlans.length > 0);
  }
  const now = new Map<string, boolean>();
  // As the roster reads them: the assignment states when Graph gives any, else the licenses.
  const assignments = user.licenseAssignmentStates?.length ? user.licenseAssignmentStates : user.assignedLicenses;
  for (const l of assignments)
    now.set(l.skuId.toLowerCase(), (now.get(l.skuId.toLowerCase()) ?? false) || l.disabledPlans.length > 0);
  const added = [...now.keys()].filter((k) => !stored.has(k));
  const removed = [...stored.keys()].filter((k) => !now.has(k));
  const plans = [...now.keys()].filter((k) => stored.has(k) && stored.get(k) !== now.get(k));
  const parts = [
    added.length ? `${added.length} license(s) added` : '',
    removed.length ? `${removed.length} removed` : '',
    plans.length ? `service plans changed on ${plans.length}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/**
 * The rule, checked again at execution: the license is still assigned directly, the account is
 * still as the finding said, there is no evidence of use newer than the evidence approved, and an
 * overlap's including license is still held.
 */
export function recheck(request: ReclamationRequest, user: FreshUser | null, excludedWhy: string | null): Recheck {
  if (!user) return { ok: false, why: 'The user no longer exists in the directory.' };
  const sku = request.skuId.toLowerCase();
  if (!holds(user, sku)) return { ok: false, why: 'The license is no longer assigned to the user.' };
  const states = (user.licenseAssignmentStates ?? []).filter((s) => s.skuId.toLowerCase() === sku);
  const direct = states.length
    ? states.find((s) => !s.assignedByGroup)
    : { disabledPlans: user.assignedLicenses.find((l) => l.skuId.toLowerCase() === sku)?.disabledPlans ?? [] };
  if (!direct)
    return {
      ok: false,
      why: `The license is now assigned by group ${states[0]?.assignedByGroup ?? ''} and cannot be removed from the user directly.`,
    };
  const group = states.find((s) => s.assignedByGroup)?.assignedByGroup;
  if (group)
    return {
      ok: false,
      why: `The license is now also assigned by group ${group}: removing the direct assignment would free no seat.`,
    };
  if (request.toSkuId && holds(user, request.toSkuId))
    return {
      ok: false,
      why: `The user already holds ${String(request.evidence['toSkuName'] ?? request.toSkuId)}: request again if a change is still due.`,
    };
  if (excludedWhy) return { ok: false, why: `The user is now excluded by policy: ${excludedWhy}.` };
  if (request.reason === FINDING_KIND.blocked && user.accountEnabled !== false)
    return { ok: false, why: 'The account is no longer blocked.' };
  if (request.reason === CHANGE_KIND.overlap) {
    const by = request.evidence['coveredBy'];
    if (typeof by !== 'string' || !holds(user, by))
      return {
        ok: false,
        why: `The user no longer holds ${String(request.evidence['coveredByName'] ?? by)}, which included this license.`,
      };
  }
  if (request.reason === FINDING_KIND.inactive || request.reason === FINDING_KIND.never) {
    const approvedLastUse = typeof request.evidence['lastUse'] === 'string' ? request.evidence['lastUse'] : null;
    const latest = [
      user.signInActivity?.lastSuccessfulSignInDateTime,
      user.signInActivity?.lastNonInteractiveSignInDateTime,
    ]
      .map((v) => realInstant(v ?? null))
      .filter((v): v is string => !!v)
      .sort()
      .pop();
    if (latest && (!approvedLastUse || latest > approvedLastUse))
      return { ok: false, why: `The user signed in on ${latest.slice(0, 10)}, after the request was made.` };
  }
  return { ok: true, disabledPlans: direct.disabledPlans };
}
