import { DAY_MS } from '../clock';
import { isoSeconds } from '../util/dates';
import { GROUPS } from './catalog-groups';
import { Sku, SKUS, skuAt } from './catalog-skus';
import { COPILOT_APPS, holdsCopilot, lastCopilotUse } from './copilot';
import { assignedAt, assignmentStates } from './licenses';
import { SCENARIO_NAMES } from './scenarios';
import { Flag, Tenant, UserKind } from './tenant';
import { categoriesOf, lastActivity } from './truth-categories';
import { displayName, userPrincipalName, usageLocation } from './user-fields';

/** What is really true about a user, for tests to compare the product's conclusions with. */
const KINDS = ['member', 'guest', 'roomMailbox', 'sharedMailbox', 'agentUser'] as const;
const iso = (ms: number) => (ms > 0 ? isoSeconds(ms) : null);

/** Plain-language reasons behind the categories a reviewer cares about. */
function why(t: Tenant, i: number, now: number, categories: readonly string[]): string[] {
  const { ms: last, source } = lastActivity(t, i);
  const days = (ms: number) => Math.floor((now - ms) / DAY_MS);
  const reasons: string[] = [];
  const has = (c: string) => categories.includes(c);
  if (has('blocked'))
    reasons.push(
      `sign-in is blocked (accountEnabled false)${has('licensed') ? ' while the account still holds licenses' : ''}`,
    );
  if (has('never-signed-in'))
    reasons.push(
      `never signed in and never used an app; created ${iso(t.createdMs[i] ?? 0)} (${days(t.createdMs[i] ?? 0)} days ago)`,
    );
  if (last > 0 && days(last) >= 30) reasons.push(`last activity ${iso(last)} via ${source}, ${days(last)} days ago`);
  if (has('failed-sign-ins-only-30')) {
    reasons.push(
      `recent interactive sign-ins all failed (last attempt ${iso(t.lastInteractive[i] ?? 0)}); last success ${iso(t.lastSuccess[i] ?? 0)}`,
    );
  }
  if (has('activity-without-sign-in-30'))
    reasons.push(`active in apps (${source}) without an interactive sign-in in the last 30 days`);
  for (const { sku, groupIndex } of assignmentStates(t, i)) {
    if (groupIndex !== null)
      reasons.push(
        `${skuAt(sku).skuPartNumber} is inherited from group '${GROUPS[groupIndex]?.displayName}' and cannot be removed per user`,
      );
  }
  return reasons;
}

export function userTruth(t: Tenant, i: number, now: number) {
  const { ms: last, source } = lastActivity(t, i);
  const categories = categoriesOf(t, i, now);
  return {
    id: t.id(i),
    userPrincipalName: userPrincipalName(t, i),
    displayName: displayName(t, i),
    kind: KINDS[t.kind[i] ?? UserKind.member],
    scenario: SCENARIO_NAMES[t.scenario[i] ?? 0] ?? 'unknown',
    deleted: !t.isLive(i),
    accountEnabled: t.has(i, Flag.enabled),
    createdDateTime: iso(t.createdMs[i] ?? 0),
    usageLocation: usageLocation(t, i),
    mfaRegistered: t.has(i, Flag.mfaRegistered),
    onPremisesSynced: t.has(i, Flag.synced),
    manager: (t.manager[i] ?? -1) >= 0 ? t.id(t.manager[i] ?? 0) : null,
    lastActivity: iso(last),
    lastActivitySource: source,
    daysSinceLastActivity: last > 0 ? Math.floor((now - last) / DAY_MS) : null,
    lastSignIn: {
      interactive: iso(t.lastInteractive[i] ?? 0),
      nonInteractive: iso(t.lastNonInteractive[i] ?? 0),
      successful: iso(t.lastSuccess[i] ?? 0),
    },
    lastUse: {
      exchange: iso(t.workloadLast[0]?.[i] ?? 0),
      oneDrive: iso(t.workloadLast[1]?.[i] ?? 0),
      sharePoint: iso(t.workloadLast[2]?.[i] ?? 0),
      skypeForBusiness: iso(t.workloadLast[3]?.[i] ?? 0),
      yammer: iso(t.workloadLast[4]?.[i] ?? 0),
      teams: iso(t.workloadLast[5]?.[i] ?? 0),
      dynamics365: iso(t.appLast[0]?.[i] ?? 0),
      powerBI: iso(t.appLast[1]?.[i] ?? 0),
      project: iso(t.appLast[2]?.[i] ?? 0),
      visio: iso(t.appLast[3]?.[i] ?? 0),
    },
    licenses: assignmentStates(t, i).map(({ sku, groupIndex }) => ({
      skuId: skuAt(sku).skuId,
      skuPartNumber: skuAt(sku).skuPartNumber,
      assignment: groupIndex === null ? 'direct' : 'group',
      groupId: groupIndex === null ? null : (GROUPS[groupIndex]?.id ?? null),
      groupName: groupIndex === null ? null : (GROUPS[groupIndex]?.displayName ?? null),
    })),
    copilot: holdsCopilot(t, i)
      ? {
          assignedAt: iso(assignedAt(t, i, Sku.copilot)),
          lastUse: iso(lastCopilotUse(t, i)),
          apps: Object.fromEntries(COPILOT_APPS.map((app, k) => [app, iso(t.copilotLast.get(i)?.[k] ?? 0)])),
        }
      : null,
    categories,
    why: why(t, i, now, categories),
  };
}

export function categoryCounts(t: Tenant, now: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < t.size; i++) for (const c of categoriesOf(t, i, now)) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

export function usersInCategory(t: Tenant, category: string, now: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < t.size; i++) if (categoriesOf(t, i, now).includes(category)) ids.push(t.id(i));
  return ids;
}

export function seatSummary(t: Tenant) {
  return SKUS.map((sku, s) => ({
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    consumed: t.consumed[s] ?? 0,
    enabled: t.seats[s]?.enabled ?? 0,
    available: (t.seats[s]?.enabled ?? 0) - (t.consumed[s] ?? 0),
  }));
}
