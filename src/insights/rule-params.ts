import { isGuid } from '../config';
import { DAY_MS, dayOf, isoSeconds } from './dates';
import { globToLike } from './like';
import type { Policy } from './policy';

/**
 * The inputs of the finding rules once policy, clock, SKUs and data availability are resolved: plain
 * data, so the pure definition (classify.ts) and the SQL (sql/user-state-sql.ts) read exactly the
 * same values. Built by `ruleParams` below.
 */
export interface RuleParams {
  /** Sign-in instants newer than this (ISO, whole seconds) are recent evidence of use. */
  recentSince: string;
  /** App activity days on or after this `YYYY-MM-DD` are recent (threshold plus report lag). */
  recentSinceDay: string;
  /** Accounts created after this instant are within the grace period. */
  graceSince: string;
  /** Lower-case skuIds of managed SKUs: the only licenses that count (docs/product-rules.md R15). */
  managedSkuIds: string[];
  /** Managed SKUs that are not known to be free: "paid licenses" of the blocked rule. */
  paidSkuIds: string[];
  /** Lower-case object ids and UPNs excluded by name. */
  excludedUserKeys: string[];
  /** Lower-case group ids excluded (membership or a license inherited from the group). */
  excludedGroupIds: string[];
  /** Lower-case SQL LIKE patterns (escape `\`) on the UPN. */
  serviceAccountLikes: string[];
  excludeGuests: boolean;
  /** Lower-case mailbox types excluded; empty when the policy keeps them. */
  resourceMailboxTypes: string[];
  /** The MFA/SSO rule (docs/product-rules.md R22), its two parts apart: registered for MFA; synced from on-premises (SSO assumed). */
  mfaRule: boolean;
  ssoRule: boolean;
  /** Which sources the last sync could read; a rule needing a missing source excludes as insufficient-data. */
  data: { signIns: boolean; reports: boolean };
}

/** Mailbox report "Recipient Type" values of mailboxes that need no person's license. */
export const RESOURCE_MAILBOX_TYPES = [
  'shared',
  'room',
  'equipment',
  'sharedmailbox',
  'roommailbox',
  'equipmentmailbox',
];

export interface RuleInputs {
  policy: Policy;
  now: Date;
  /** Managed SKUs, and those known to cost nothing (price zero). */
  skus: readonly { skuId: string; managed: boolean; free: boolean }[];
  groups: readonly { id: string; displayName: string }[];
  data: { signIns: boolean; reports: boolean };
}

/** Resolves policy names against the tenant; `unresolvedGroups` lists excluded groups not found by name. */
export function ruleParams(input: RuleInputs): { params: RuleParams; unresolvedGroups: string[] } {
  const { policy, now } = input;
  const t = now.getTime();
  const managed = input.skus.filter((s) => s.managed);
  const unresolvedGroups: string[] = [];
  const groupIds = new Set<string>();
  for (const entry of policy.excludedGroups) {
    if (isGuid(entry)) {
      groupIds.add(entry.toLowerCase());
      continue;
    }
    const matches = input.groups.filter((g) => g.displayName.toLowerCase() === entry.toLowerCase());
    if (matches.length === 0) unresolvedGroups.push(entry);
    for (const g of matches) groupIds.add(g.id.toLowerCase());
  }
  return {
    params: {
      recentSince: isoSeconds(t - policy.inactiveDays * DAY_MS),
      // Report days lag up to `reportLagDays` (docs/product-rules.md R9: data is available 3 days after the event).
      recentSinceDay: dayOf(t - (policy.inactiveDays + policy.reportLagDays) * DAY_MS),
      graceSince: isoSeconds(t - policy.graceDays * DAY_MS),
      managedSkuIds: managed.map((s) => s.skuId.toLowerCase()),
      paidSkuIds: managed.filter((s) => !s.free).map((s) => s.skuId.toLowerCase()),
      excludedUserKeys: policy.excludedUsers.map((u) => u.toLowerCase()),
      excludedGroupIds: [...groupIds],
      serviceAccountLikes: policy.serviceAccountPatterns.map(globToLike),
      excludeGuests: policy.excludeGuests,
      resourceMailboxTypes: policy.excludeResourceMailboxes ? RESOURCE_MAILBOX_TYPES : [],
      mfaRule: policy.mfaRule,
      ssoRule: policy.ssoRule,
      data: input.data,
    },
    unresolvedGroups,
  };
}
