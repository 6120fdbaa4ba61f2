import { likeMatches } from './like';
import { isReal } from './dates';
import type { RuleParams } from './rule-params';
import type { UserFacts } from './sql/user-facts';
import {
  EXCLUSION_CODES,
  FINDING_KIND,
  isFindingKind,
  USER_STATE,
  type ExclusionCode,
  type FindingKind,
  type UserState,
} from './types';

/**
 * THE definition of the finding rules (docs/product-rules.md R26–R29); the SQL in
 * src/insights/sql/user-state-sql.ts is tested against it user by user.
 *
 * - Blocked: `accountEnabled` false and holding a paid managed license (without one: not waste).
 * - Never: enabled, managed license, no evidence of use ever. Failed sign-ins are attempts, not use,
 *   so `lastSignInDateTime` (interactive attempt, success or failure: docs/graph-behaviour.md §2.3) never counts.
 * - Inactive: enabled, managed license, evidence of use but none recent. Evidence = last successful
 *   sign-in, last non-interactive sign-in, and the Last Activity day over every app. App days are
 *   recent from `recentSinceDay`, which allows for the reports' 3-day lag (docs/product-rules.md R9).
 * - Active otherwise. Unmanaged SKUs count nowhere (docs/product-rules.md R15).
 */
export interface Classification {
  state: UserState;
  /** Exclusions that hold the finding back, in EXCLUSION_CODES order; empty for non-findings. */
  exclusions: ExclusionCode[];
}

export function classify(f: UserFacts, p: RuleParams): Classification {
  const state = stateOf(f, p);
  if (!isFindingKind(state)) return { state, exclusions: [] };
  const base = baseExclusions(f, p);
  return {
    state,
    exclusions: exclusionsFor(
      state,
      EXCLUSION_CODES.filter((code) => base[code]),
      p,
    ),
  };
}

/**
 * Which of a user's exclusion flags hold back a finding of `kind`: the MFA and SSO exclusions concern
 * the inactive rule only; missing data holds back "never" unless every source was read ("no evidence
 * ever") and "inactive" unless at least one was. Shared by `classify` and the grouped SQL counts.
 */
export function exclusionsFor(kind: FindingKind, flags: readonly ExclusionCode[], p: RuleParams): ExclusionCode[] {
  const insufficient = lacksData(kind, p.data);
  return EXCLUSION_CODES.filter((code) =>
    code === 'insufficient-data'
      ? insufficient
      : code === 'mfa' || code === 'sso'
        ? mfaSsoApplies(kind) && flags.includes(code)
        : flags.includes(code),
  );
}

/** The kind's rule needs a source the last sync could not read (the insufficient-data exclusion; the SQL reads it too). */
export const lacksData = (kind: FindingKind, data: RuleParams['data']): boolean =>
  (kind === FINDING_KIND.never && !(data.signIns && data.reports)) ||
  (kind === FINDING_KIND.inactive && !data.signIns && !data.reports);

/** The MFA and SSO exclusions concern the inactive rule only. */
export const mfaSsoApplies = (kind: FindingKind): boolean => kind === FINDING_KIND.inactive;

/** Exclusions by who the user is, whatever the rule (named, group, guest, resource mailbox, service account). */
export const IDENTITY_EXCLUSIONS = [
  'named-user',
  'group',
  'guest',
  'resource-mailbox',
  'service-account',
] as const satisfies readonly ExclusionCode[];

export function identityExclusions(f: UserFacts, p: RuleParams): ExclusionCode[] {
  const base = baseExclusions(f, p);
  return IDENTITY_EXCLUSIONS.filter((code) => base[code]);
}

/** The params' lists as sets, built once per params object (exports classify 100,000 users). */
const setCache = new WeakMap<
  RuleParams,
  { managed: Set<string>; paid: Set<string>; users: Set<string>; groups: Set<string> }
>();
function sets(p: RuleParams) {
  let s = setCache.get(p);
  if (!s) {
    s = {
      managed: new Set(p.managedSkuIds),
      paid: new Set(p.paidSkuIds),
      users: new Set(p.excludedUserKeys),
      groups: new Set(p.excludedGroupIds),
    };
    setCache.set(p, s);
  }
  return s;
}

function stateOf(f: UserFacts, p: RuleParams): UserState {
  if (f.deactivatedDate !== null) return USER_STATE.deactivated;
  const { managed, paid } = sets(p);
  const skus = f.licenses.map((l) => l.skuId.toLowerCase());
  if (!f.accountEnabled) return skus.some((s) => paid.has(s)) ? USER_STATE.blocked : USER_STATE.blockedUnlicensed;
  if (!skus.some((s) => managed.has(s))) return USER_STATE.unlicensed;
  const signIn = [f.lastSuccessfulSignInDateTime, f.lastNonInteractiveSignInDateTime];
  if (!signIn.some(isReal) && !isReal(f.lastActivityDate)) return USER_STATE.never;
  const recent =
    signIn.some((v) => isReal(v) && v > p.recentSince) ||
    (isReal(f.lastActivityDate) && f.lastActivityDate >= p.recentSinceDay);
  return recent ? USER_STATE.active : USER_STATE.inactive;
}

/** Exclusion flags that do not depend on the kind (mfa and sso as the inactive rule would read them). */
function baseExclusions(f: UserFacts, p: RuleParams): Record<ExclusionCode, boolean> {
  const upn = f.userPrincipalName.toLowerCase();
  const { users, groups: excludedGroups } = sets(p);
  const groups = [...f.groupIds, ...f.licenses.map((l) => l.assignedByGroup)]
    .map((g) => g.toLowerCase())
    .filter(Boolean);
  return {
    'named-user': users.has(f.id.toLowerCase()) || users.has(upn),
    group: groups.some((g) => excludedGroups.has(g)),
    guest: p.excludeGuests && f.userType.toLowerCase() === 'guest',
    'new-account': isReal(f.createdDateTime) && f.createdDateTime > p.graceSince,
    'resource-mailbox': f.mailboxType !== null && p.resourceMailboxTypes.includes(f.mailboxType.toLowerCase()),
    'service-account': p.serviceAccountLikes.some((like) => likeMatches(upn, like)),
    // docs/product-rules.md R22: MFA or SSO sign-in → not reclaimed. Each part names its own cause: MFA is the
    // registration report's; SSO is read from on-premises sync (hybrid identities sign in with
    // seamless SSO or federation), an assumption the reason says.
    mfa: p.mfaRule && f.mfaRegistered === true,
    sso: p.ssoRule && f.onPremisesSyncEnabled === true,
    'insufficient-data': false,
  };
}
