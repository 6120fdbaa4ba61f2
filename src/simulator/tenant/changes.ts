import { hash32 } from '../util/random';
import { Sku } from './catalog-skus';
import { applyLicenseChange } from './licenses';
import { changeJobTitle, deleteUser, markActive, setEnabled, setMfaRegistered } from './mutations';
import { NAMED_PEOPLE } from './named-people';
import { Flag, Tenant, UserKind } from './tenant';

/** What happens to a changed user, and to what share of them (out of 100), as a day in a tenant might bring. */
const MIX = [
  ['signIn', 40],
  ['jobTitle', 20],
  ['license', 15],
  ['mfa', 10],
  ['blocked', 10],
  ['deleted', 5],
] as const;
export type ChangeKind = (typeof MIX)[number][0];

/**
 * Changes `count` users chosen by `seed` (never the named demo people, never agent users): most sign
 * in, some get a new job title, a license added or removed directly (Power BI Pro), an MFA
 * registration (at a sign-in), sign-in blocked or unblocked, or are deleted. Every surface follows
 * (users, users/delta, sign-in activity, registration details, reports). Returns the ids by kind.
 */
export function changeUsers(t: Tenant, count: number, seed: number, nowMs: number): Record<ChangeKind, string[]> {
  const changed = Object.fromEntries(MIX.map(([kind]) => [kind, [] as string[]])) as Record<ChangeKind, string[]>;
  const picked = new Set<number>();
  for (let k = 0; picked.size < count && k < count * 20; k++) {
    const i = hash32(seed, k, 0x0c4a) % t.size;
    if (i < NAMED_PEOPLE.length || picked.has(i) || !t.isLive(i) || t.kind[i] === UserKind.agent) continue;
    picked.add(i);
    const kind = kindOf(t, i, hash32(seed, i, 0x0c4b) % 100);
    apply(t, i, kind, nowMs);
    changed[kind].push(t.id(i));
  }
  return changed;
}

function kindOf(t: Tenant, i: number, roll: number): ChangeKind {
  let at = 0;
  for (const [kind, share] of MIX) {
    at += share;
    // A job title is a member's only: others sign in instead.
    if (roll < at) return kind === 'jobTitle' && t.kind[i] !== UserKind.member ? 'signIn' : kind;
  }
  return 'signIn';
}

function apply(t: Tenant, i: number, kind: ChangeKind, nowMs: number): void {
  switch (kind) {
    case 'signIn':
      return markActive(t, i, nowMs);
    case 'jobTitle':
      return changeJobTitle(t, i);
    case 'license': {
      const held = ((t.directSkus[i] ?? 0) & (1 << Sku.powerBiPro)) !== 0;
      return applyLicenseChange(
        t,
        i,
        held
          ? { add: [], remove: [Sku.powerBiPro] }
          : { add: [{ sku: Sku.powerBiPro, disabledPlans: [] }], remove: [] },
        nowMs,
      );
    }
    case 'mfa':
      return setMfaRegistered(t, i, !t.has(i, Flag.mfaRegistered), nowMs);
    case 'blocked':
      return setEnabled(t, i, !t.has(i, Flag.enabled));
    case 'deleted':
      return deleteUser(t, i, nowMs);
  }
}
