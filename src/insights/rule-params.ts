import type { RuleParams } from '../store/queries/rule-params';
import { DAY_MS, dayOf, isoSeconds } from './dates';
import { globToLike } from './like';
import type { Policy } from './policy';

/** Mailbox report "Recipient Type" values of mailboxes that need no person's license. */
export const RESOURCE_MAILBOX_TYPES = ['shared', 'room', 'equipment', 'sharedmailbox', 'roommailbox', 'equipmentmailbox'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    if (GUID.test(entry)) {
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
      // Report days lag up to `reportLagDays` (seeds: data is available 3 days after the event).
      recentSinceDay: dayOf(t - (policy.inactiveDays + policy.reportLagDays) * DAY_MS),
      graceSince: isoSeconds(t - policy.graceDays * DAY_MS),
      managedSkuIds: managed.map((s) => s.skuId.toLowerCase()),
      paidSkuIds: managed.filter((s) => !s.free).map((s) => s.skuId.toLowerCase()),
      excludedUserKeys: policy.excludedUsers.map((u) => u.toLowerCase()),
      excludedGroupIds: [...groupIds],
      serviceAccountLikes: policy.serviceAccountPatterns.map(globToLike),
      excludeGuests: policy.excludeGuests,
      resourceMailboxTypes: policy.excludeResourceMailboxes ? RESOURCE_MAILBOX_TYPES : [],
      mfaSsoRule: policy.mfaSsoRule,
      data: input.data,
    },
    unresolvedGroups,
  };
}
