import type { ExclusionCode, Policy, UserState } from '../../src/insights';
import type { UserFacts } from '../../src/insights/sql/user-facts';
import { GROUP, SKU, ago, dayAgo, silent, user } from './fixtures';

/**
 * Every rule and exclusion (docs/product-rules.md R22, R26–R29) with its edge cases, as one table: the pure rules are tested
 * against `expect`, and the SQL against the pure rules, over these same users.
 */
export interface RuleCase {
  name: string;
  user: UserFacts;
  policy?: Partial<Policy>;
  data?: { signIns?: boolean; reports?: boolean };
  expect: { state: UserState; exclusions?: ExclusionCode[] };
}

const e3 = [{ skuId: SKU.e3.skuId, assignedByGroup: '' }];

export const CASES: RuleCase[] = [
  { name: 'recent successful sign-in: active', user: user(), expect: { state: 'active' } },
  {
    name: 'never signed in but active in Teams (report day): active',
    user: user({ ...silent, lastActivityDate: dayAgo(4), lastUsedApp: 'Microsoft Teams' }),
    expect: { state: 'active' },
  },
  {
    name: 'recent non-interactive sign-in only (interactive long ago): active',
    user: user({
      lastSuccessfulSignInDateTime: ago(200),
      lastNonInteractiveSignInDateTime: ago(3),
      lastSignInDateTime: ago(200),
      lastActivityDate: null,
    }),
    expect: { state: 'active' },
  },
  {
    name: 'failed sign-ins only lately (attempt 2 days ago, last success 120 days ago): inactive',
    user: user({
      lastSignInDateTime: ago(2),
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: ago(121),
      lastActivityDate: dayAgo(121),
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'failed sign-in attempts but never a success: never logged in',
    user: user({ ...silent, lastSignInDateTime: ago(5) }),
    expect: { state: 'never' },
  },
  {
    name: 'no evidence, account 200 days old: never logged in',
    user: user({ ...silent, createdDateTime: ago(200) }),
    expect: { state: 'never' },
  },
  {
    name: '"0001-01-01T00:00:00Z" means never',
    user: user({
      ...silent,
      lastSuccessfulSignInDateTime: '0001-01-01T00:00:00Z',
      lastNonInteractiveSignInDateTime: '0001-01-01T00:00:00Z',
      lastSignInDateTime: '0001-01-01T00:00:00Z',
    }),
    expect: { state: 'never' },
  },
  {
    name: 'new account (10 days) without use: never, excluded by the grace period',
    user: user({ ...silent, createdDateTime: ago(10) }),
    expect: { state: 'never', exclusions: ['new-account'] },
  },
  {
    name: 'unknown creation date (pre-2018 account): treated as old',
    user: user({ ...silent, createdDateTime: null }),
    expect: { state: 'never' },
  },
  {
    name: 'last successful sign-in 100 days ago: inactive',
    user: user({
      lastSuccessfulSignInDateTime: ago(100),
      lastNonInteractiveSignInDateTime: ago(100),
      lastSignInDateTime: ago(100),
      lastActivityDate: dayAgo(100),
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'sign-in exactly 90 days ago: inactive (the threshold is reached)',
    user: user({
      lastSuccessfulSignInDateTime: ago(90),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'sign-in 89 days ago: active',
    user: user({
      lastSuccessfulSignInDateTime: ago(89),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'active' },
  },
  {
    name: 'report lag: Teams activity 92 days ago (reports 3 days behind) is not inactive yet',
    user: user({
      lastSuccessfulSignInDateTime: ago(150),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: dayAgo(92),
    }),
    expect: { state: 'active' },
  },
  {
    name: 'report activity 94 days ago: inactive',
    user: user({
      lastSuccessfulSignInDateTime: ago(150),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: dayAgo(94),
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'sign-ins get no lag allowance: 91 days ago is inactive',
    user: user({
      lastSuccessfulSignInDateTime: ago(91),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'inactive guest: excluded (guests are excluded by default)',
    user: user({
      userType: 'Guest',
      lastSuccessfulSignInDateTime: ago(200),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive', exclusions: ['guest'] },
  },
  {
    name: 'inactive guest with excludeGuests off: flagged',
    user: user({
      userType: 'Guest',
      lastSuccessfulSignInDateTime: ago(200),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    policy: { excludeGuests: false },
    expect: { state: 'inactive' },
  },
  { name: 'blocked with a paid license: blocked', user: user({ accountEnabled: false }), expect: { state: 'blocked' } },
  {
    name: 'blocked without licenses: not blocked waste',
    user: user({ accountEnabled: false, licenses: [] }),
    expect: { state: 'blocked-unlicensed' },
  },
  {
    name: 'blocked holding only a free SKU: not blocked waste',
    user: user({ accountEnabled: false, licenses: [{ skuId: SKU.free.skuId, assignedByGroup: '' }] }),
    expect: { state: 'blocked-unlicensed' },
  },
  {
    name: 'blocked holding only an unmanaged SKU: ignored',
    user: user({ accountEnabled: false, licenses: [{ skuId: SKU.unmanaged.skuId, assignedByGroup: '' }] }),
    expect: { state: 'blocked-unlicensed' },
  },
  {
    name: 'never used, only an unmanaged SKU: unmanaged SKUs count nowhere',
    user: user({ ...silent, licenses: [{ skuId: SKU.unmanaged.skuId, assignedByGroup: '' }] }),
    expect: { state: 'unlicensed' },
  },
  {
    name: 'pre-provisioned new hire (blocked, 5 days old): blocked, excluded by the grace period',
    user: user({ ...silent, accountEnabled: false, createdDateTime: ago(5) }),
    expect: { state: 'blocked', exclusions: ['new-account'] },
  },
  {
    name: 'group-inherited license, inactive: still a finding',
    user: user({
      lastSuccessfulSignInDateTime: ago(130),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
      licenses: [{ skuId: SKU.e3.skuId, assignedByGroup: GROUP.e3.id }],
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'member of an excluded group (membership): excluded',
    user: user({ ...silent, groupIds: [GROUP.excluded.id] }),
    policy: { excludedGroups: ['License Steward - Excluded'] },
    expect: { state: 'never', exclusions: ['group'] },
  },
  {
    name: 'license inherited from an excluded group: excluded',
    user: user({ accountEnabled: false, licenses: [{ skuId: SKU.e3.skuId, assignedByGroup: GROUP.e3.id }] }),
    policy: { excludedGroups: [GROUP.e3.id.toUpperCase()] },
    expect: { state: 'blocked', exclusions: ['group'] },
  },
  {
    name: 'named user (UPN, any case): excluded',
    user: user({ ...silent, userPrincipalName: 'Ceo@Contoso.com' }),
    policy: { excludedUsers: ['ceo@contoso.COM'] },
    expect: { state: 'never', exclusions: ['named-user'] },
  },
  {
    name: 'service account by UPN pattern: excluded',
    user: user({ ...silent, userPrincipalName: 'svc_backup-01@contoso.com' }),
    policy: { serviceAccountPatterns: ['svc_*@contoso.com'] },
    expect: { state: 'never', exclusions: ['service-account'] },
  },
  {
    name: 'pattern underscore is literal: svcXbackup does not match svc_*',
    user: user({ ...silent, userPrincipalName: 'svcXbackup@contoso.com' }),
    policy: { serviceAccountPatterns: ['svc_*'] },
    expect: { state: 'never' },
  },
  {
    name: 'shared mailbox with a license, never signed in: excluded',
    user: user({ ...silent, mailboxType: 'Shared' }),
    expect: { state: 'never', exclusions: ['resource-mailbox'] },
  },
  {
    name: 'room mailbox, blocked, licensed: blocked but excluded',
    user: user({ ...silent, accountEnabled: false, mailboxType: 'Room' }),
    expect: { state: 'blocked', exclusions: ['resource-mailbox'] },
  },
  {
    name: 'room mailbox with excludeResourceMailboxes off: flagged',
    user: user({ ...silent, accountEnabled: false, mailboxType: 'Room' }),
    policy: { excludeResourceMailboxes: false },
    expect: { state: 'blocked' },
  },
  {
    name: 'MFA rule on: inactive user registered for MFA is excluded as MFA',
    user: user({
      mfaRegistered: true,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive', exclusions: ['mfa'] },
  },
  {
    name: 'MFA rule off: inactive user registered for MFA is flagged',
    user: user({
      mfaRegistered: true,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    policy: { mfaRule: false },
    expect: { state: 'inactive' },
  },
  {
    name: 'SSO rule on: on-premises synced inactive user not registered for MFA is excluded as SSO, never as MFA',
    user: user({
      mfaRegistered: false,
      onPremisesSyncEnabled: true,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive', exclusions: ['sso'] },
  },
  {
    name: 'SSO rule off, MFA rule on: on-premises synced inactive user not registered for MFA is flagged',
    user: user({
      mfaRegistered: false,
      onPremisesSyncEnabled: true,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    policy: { ssoRule: false },
    expect: { state: 'inactive' },
  },
  {
    name: 'both parts: a synced user registered for MFA is excluded by each, MFA rule off leaves SSO',
    user: user({
      mfaRegistered: true,
      onPremisesSyncEnabled: true,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    policy: { mfaRule: false },
    expect: { state: 'inactive', exclusions: ['sso'] },
  },
  {
    name: 'MFA rule concerns the inactive rule only: a never-logged-in user with MFA is flagged',
    user: user({ ...silent, mfaRegistered: true }),
    expect: { state: 'never' },
  },
  {
    name: 'MFA unknown (permission missing): flagged, with a confidence note',
    user: user({
      mfaRegistered: null,
      lastSuccessfulSignInDateTime: ago(120),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    expect: { state: 'inactive' },
  },
  {
    name: 'concealed reports: no evidence is not "never" (mailbox use cannot be ruled out)',
    user: user({ ...silent }),
    data: { reports: false },
    expect: { state: 'never', exclusions: ['insufficient-data'] },
  },
  {
    name: 'concealed reports: inactive by sign-ins stays a finding',
    user: user({
      lastSuccessfulSignInDateTime: ago(150),
      lastNonInteractiveSignInDateTime: ago(150),
      lastActivityDate: null,
    }),
    data: { reports: false },
    expect: { state: 'inactive' },
  },
  {
    name: 'no sign-in data (no AuditLog.Read.All / Entra P1): no evidence is not "never"',
    user: user({ ...silent, mfaRegistered: null }),
    data: { signIns: false },
    expect: { state: 'never', exclusions: ['insufficient-data'] },
  },
  {
    name: 'no sign-in data: active in reports is active',
    user: user({
      lastSuccessfulSignInDateTime: null,
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: dayAgo(2),
    }),
    data: { signIns: false },
    expect: { state: 'active' },
  },
  {
    name: 'neither sign-ins nor reports: an old date proves nothing',
    user: user({
      lastSuccessfulSignInDateTime: ago(300),
      lastNonInteractiveSignInDateTime: null,
      lastActivityDate: null,
    }),
    data: { signIns: false, reports: false },
    expect: { state: 'inactive', exclusions: ['insufficient-data'] },
  },
  {
    name: 'deactivated (gone from the tenant): no finding',
    user: user({ ...silent, deactivatedDate: ago(3) }),
    expect: { state: 'deactivated' },
  },
  {
    name: 'several exclusions are all shown',
    user: user({ ...silent, userType: 'Guest', createdDateTime: ago(3), mailboxType: 'Shared' }),
    expect: { state: 'never', exclusions: ['guest', 'new-account', 'resource-mailbox'] },
  },
  {
    name: 'E3 direct and via group, plus an unmanaged SKU, active: active',
    user: user({
      licenses: [
        ...e3,
        { skuId: SKU.e3.skuId, assignedByGroup: GROUP.e3.id },
        { skuId: SKU.unmanaged.skuId, assignedByGroup: '' },
      ],
    }),
    expect: { state: 'active' },
  },
];
