import { DAY_MS } from '../clock';
import { Group, transitiveGroupMask } from './catalog-groups';
import { Sku } from './catalog-skus';
import { holdsCopilot, lastCopilotUse } from './copilot';
import { assignedAt, assignmentStates, heldSkus } from './licenses';
import { Flag, Tenant, UserKind } from './tenant';

/**
 * Ground-truth categories, computed from the tenant's data at "now" (never from the scenario a user
 * was generated from), so they stay right after assignLicense, new activity or a clock move.
 * `inactive-N` means the last activity (any workload, tracked app or successful sign-in) is at least
 * N days old; failed sign-ins are attempts, not activity.
 */
export const INACTIVE_SPANS = [30, 60, 90, 180, 365] as const;
/** The default grace period for never-logged-in accounts (docs/product-rules.md R27). */
export const GRACE_DAYS = 30;

export function lastActivity(t: Tenant, i: number): { ms: number; source: string | null } {
  let ms = t.lastSuccess[i] ?? 0;
  let source: string | null = ms > 0 ? 'sign-in' : null;
  const consider = (value: number, name: string) => {
    if (value > ms) {
      ms = value;
      source = name;
    }
  };
  ['exchange', 'oneDrive', 'sharePoint', 'skypeForBusiness', 'yammer', 'teams'].forEach((name, w) =>
    consider(t.workloadLast[w]?.[i] ?? 0, name),
  );
  ['dynamics365', 'powerBI', 'project', 'visio'].forEach((name, a) => consider(t.appLast[a]?.[i] ?? 0, name));
  return { ms, source };
}

export function categoriesOf(t: Tenant, i: number, now: number): string[] {
  if (!t.isLive(i)) return ['deleted'];
  const out: string[] = [];
  const add = (on: boolean, name: string) => {
    if (on) out.push(name);
  };
  const kind = t.kind[i];
  const licensed = heldSkus(t, i) !== 0;
  const states = assignmentStates(t, i);
  const { ms: last } = lastActivity(t, i);
  const enabled = t.has(i, Flag.enabled);
  const workloadLast = Math.max(...t.workloadLast.map((w) => w[i] ?? 0), ...t.appLast.map((a) => a[i] ?? 0));
  const interactive = t.lastInteractive[i] ?? 0;
  const success = t.lastSuccess[i] ?? 0;
  const ageDays = (ms: number) => (now - ms) / DAY_MS;
  add(kind === UserKind.member, 'member');
  add(kind === UserKind.guest, 'guest');
  add(kind === UserKind.room, 'room-mailbox');
  add(kind === UserKind.shared, 'shared-mailbox');
  add(kind === UserKind.agent, 'agent-user');
  add((kind === UserKind.room || kind === UserKind.shared) && licensed, 'licensed-resource-mailbox');
  add(licensed, 'licensed');
  add(!licensed, 'unlicensed');
  add(
    states.some((s) => s.groupIndex === null),
    'direct-license',
  );
  add(
    states.some((s) => s.groupIndex !== null),
    'group-license',
  );
  add(!enabled, 'blocked');
  add(!enabled && licensed, 'blocked-with-license');
  const never = last === 0 && interactive === 0;
  add(never, 'never-signed-in');
  add(never && ageDays(t.createdMs[i] ?? 0) > GRACE_DAYS, 'never-signed-in-past-grace');
  add(never && ageDays(t.createdMs[i] ?? 0) <= GRACE_DAYS, 'never-signed-in-within-grace');
  add(last > 0 && ageDays(last) < 30, 'active-30');
  for (const span of INACTIVE_SPANS) add(last > 0 && ageDays(last) >= span, `inactive-${span}`);
  add(interactive > success && ageDays(success) > 30 && ageDays(interactive) <= 30, 'failed-sign-ins-only-30');
  add(
    workloadLast > 0 && ageDays(workloadLast) < 30 && (interactive === 0 || ageDays(interactive) > 30),
    'activity-without-sign-in-30',
  );
  add(success > 0 && workloadLast === 0, 'sign-in-without-app-activity');
  add(!t.has(i, Flag.usageLocation), 'no-usage-location');
  add(t.has(i, Flag.mfaRegistered), 'mfa-registered');
  add(t.has(i, Flag.synced), 'on-premises-synced');
  add(t.has(i, Flag.nullCreated), 'created-date-unknown');
  // Transitive: a member of a group nested in the exclusion group is excluded too.
  add(((t.groups[i] ?? 0) & transitiveGroupMask(Group.excluded)) !== 0, 'in-exclusion-group');
  add(t.has(i, Flag.admin), 'admin');
  if (holdsCopilot(t, i)) {
    // Copilot seats: never used since assignment, or last used 30 days ago or more (the product's default idle span).
    const copilot = lastCopilotUse(t, i);
    out.push('copilot');
    add(copilot < assignedAt(t, i, Sku.copilot), 'copilot-never');
    add(copilot > 0 && ageDays(copilot) >= 30, 'copilot-idle-30');
  }
  return out;
}
