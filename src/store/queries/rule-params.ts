/**
 * The inputs of the finding rules once policy, clock, SKUs and data availability are resolved: plain
 * data, so the pure definition (src/insights/classify.ts) and the SQL (user-state-sql.ts) read exactly
 * the same values. Built by src/insights/rule-params.ts.
 */
export interface RuleParams {
  /** Sign-in instants newer than this (ISO, whole seconds) are recent evidence of use. */
  recentSince: string;
  /** App activity days on or after this `YYYY-MM-DD` are recent (threshold plus report lag). */
  recentSinceDay: string;
  /** Accounts created after this instant are within the grace period. */
  graceSince: string;
  /** Lower-case skuIds of managed SKUs: the only licenses that count (seeds). */
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
  mfaSsoRule: boolean;
  /** Which sources the last sync could read; a rule needing a missing source excludes as insufficient-data. */
  data: { signIns: boolean; reports: boolean };
}

/** Where a user stands (see src/insights/types.ts UserState). */
export type RuleState = 'inactive' | 'never' | 'blocked' | 'active' | 'unlicensed' | 'blocked-unlicensed' | 'deactivated';

export type RuleExclusion =
  | 'named-user' | 'group' | 'guest' | 'new-account' | 'resource-mailbox' | 'service-account' | 'mfa-sso' | 'insufficient-data';

/** Order in which exclusions are evaluated and shown. */
export const RULE_EXCLUSIONS: readonly RuleExclusion[] = [
  'named-user', 'group', 'guest', 'new-account', 'resource-mailbox', 'service-account', 'mfa-sso', 'insufficient-data',
];
