import type { AppName } from '../store';
import type { SourcedAmount } from './money';

export type { SourcedAmount } from './money';

/**
 * Public shapes of the insights layer: what the bot's cards, the CLI reports and the digest read.
 * Money is always a decimal string in one currency; amounts in different currencies are never added.
 *
 * The rules' vocabulary is spelled here only: code about one kind or state names it through
 * FINDING_KIND / USER_STATE / CHANGE_KIND, and schemas list the values with `z.enum(FINDING_KINDS)`.
 */

/** The three waste findings (docs/product-rules.md R26–R28), in the order lists, cards and reports show them. */
export const FINDING_KINDS = ['inactive', 'never', 'blocked'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND = { inactive: 'inactive', never: 'never', blocked: 'blocked' } as const satisfies {
  [K in FindingKind]: K;
};

export const isFindingKind = (value: string): value is FindingKind =>
  (FINDING_KINDS as readonly string[]).includes(value);

/** Where a user stands: a finding kind, or why there is none. */
export const USER_STATES = [...FINDING_KINDS, 'active', 'unlicensed', 'blocked-unlicensed', 'deactivated'] as const;
export type UserState = (typeof USER_STATES)[number];
export const USER_STATE = {
  ...FINDING_KIND,
  active: 'active',
  unlicensed: 'unlicensed',
  blockedUnlicensed: 'blocked-unlicensed',
  deactivated: 'deactivated',
} as const satisfies Record<string, UserState>;

/** The license-change findings (src/insights/downgrades.ts): a cheaper SKU covers the services used; another SKU held includes this one. */
export const CHANGE_KINDS = ['downgrade', 'overlap'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND = { downgrade: 'downgrade', overlap: 'overlap' } as const satisfies { [K in ChangeKind]: K };

/** An idle Microsoft 365 Copilot seat (src/insights/copilot): a request to give its license back. */
export const COPILOT_IDLE = 'copilot-idle';

/** Why a reclamation request exists (`reclamation_requests.reason`): a waste finding, a license change, an idle Copilot seat. */
export const REQUEST_REASONS = [...FINDING_KINDS, ...CHANGE_KINDS, COPILOT_IDLE] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];

/** `flagged`: proposed for reclamation. `excluded`: matches the rule but policy (or missing data) holds it back. */
export type FindingStatus = 'flagged' | 'excluded';

/** Every exclusion, in the order they are evaluated and shown. */
export const EXCLUSION_CODES = [
  'named-user',
  'group',
  'guest',
  'new-account',
  'resource-mailbox',
  'service-account',
  'mfa',
  'sso',
  'insufficient-data',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];
/** The exclusions that depend on the user alone (insufficient-data depends on the kind and the data read), in the same order. */
export type UserExclusion = Exclude<ExclusionCode, 'insufficient-data'>;
export const USER_EXCLUSIONS = EXCLUSION_CODES.filter((code): code is UserExclusion => code !== 'insufficient-data');

/** Why a user matching a rule is not proposed; shown, never silently dropped (docs/product-rules.md R29): an admin must see why a user is not proposed. */
export interface Exclusion {
  code: ExclusionCode;
  reason: string;
}

/** A data gap that weakens a conclusion (missing permission, concealed reports, young history). */
export interface ConfidenceNote {
  code:
    | 'no-sign-in-data'
    | 'no-report-data'
    | 'reports-concealed'
    | 'young-history'
    | 'stale-reports'
    | 'no-sync'
    | 'mfa-unknown'
    | 'created-unknown'
    | 'mailbox-type-unknown'
    | 'excluded-group-unknown'
    | 'assignment-unknown';
  text: string;
}

export interface Confidence {
  /** high: every source read; medium: a minor gap; low: a whole source (sign-ins or reports) is missing. */
  level: 'high' | 'medium' | 'low';
  notes: ConfidenceNote[];
}

/** A sum in one currency, as a decimal string with two places. */
export interface CurrencyAmount {
  currency: string;
  amount: string;
}

/** Where a cost comes from: entered by an admin (License Details), or Microsoft's list price (the shipped table). */
export type CostSource = 'entered' | 'list-price';

/** A license's cost per month, and whether it was entered or is a list price. */
export interface MonthlyCost {
  amount: string;
  currency: string;
  source: CostSource;
}

export interface LicenseEvidence {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  /** Held by a direct assignment. */
  direct: boolean;
  /** Groups it is (also) inherited from. */
  groups: { id: string; name: string }[];
  /** False when a group assigns it: removing it user by user is impossible (docs/product-rules.md R20). */
  reclaimable: boolean;
  /** E.g. "not reclaimable directly — assigned by group LIC - E3". */
  note: string | null;
  monthlyCost: MonthlyCost | null;
  /** Why no cost counts: unpriced, expired, not yet effective… */
  costNote: string | null;
}

export interface ActivityEvidence {
  app: AppName | string;
  label: string;
  /** `YYYY-MM-DD` (reports) or an ISO instant (sign-in log). */
  date: string | null;
  source: 'report' | 'signin' | string;
  /** Report refresh date the value is "as of". */
  asOf: string | null;
}

/** Dates per source, as the rules saw them. */
export interface Evidence {
  accountEnabled: boolean;
  userType: string;
  createdDateTime: string | null;
  accountAgeDays: number | null;
  mfaRegistered: boolean | null;
  onPremisesSyncEnabled: boolean | null;
  mailboxType: string | null;
  /** Successful sign-in, interactive or not: evidence of use. */
  lastSuccessfulSignIn: string | null;
  /** Counted as use, as the issue defines evidence. */
  lastNonInteractiveSignIn: string | null;
  /** Last interactive attempt, success or failure ("Sign in to M365 Domain"): shown, never counted as use. */
  lastSignInAttempt: string | null;
  /** "Last Activity" over every app (day). */
  lastActivityDate: string | null;
  lastUsedApp: string | null;
  /** Per-app last activity (filled for single users and list pages). */
  apps: ActivityEvidence[];
  /** The newest evidence of use and where it came from; null = never. */
  latest: { date: string; source: 'sign-in' | 'non-interactive sign-in' | 'app activity' } | null;
  daysSinceLatest: number | null;
}

/** One user in a finding list, with everything a card needs to explain it. */
export interface Finding {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  kind: FindingKind;
  status: FindingStatus;
  exclusions: Exclusion[];
  evidence: Evidence;
  /** Managed licenses only (unmanaged ones count nowhere). */
  licenses: LicenseEvidence[];
  /** Monthly cost of those licenses, per currency. */
  monthlyCost: CurrencyAmount[];
  /** True when any figure comes from the list-price table. */
  listPrice: boolean;
  confidence: Confidence;
}

/**
 * The Users-tab columns (docs/product-rules.md R24) for one user. Yes/No columns are true or false; null only when
 * unknown (the permission that reads them is missing, or reports are concealed): a user absent from
 * a usage report of the last 90 days did not use that platform (false).
 */
export interface UsersTab {
  upn: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  country: string | null;
  guest: boolean;
  accountCreatedDate: string | null;
  /** First seen by the roster. */
  activeDate: string | null;
  /** When a complete listing no longer held the user. */
  deactivatedDate: string | null;
  /** Managed licenses, by friendly name. */
  licenses: string[];
  blockCredentials: boolean;
  mfa: boolean | null;
  lastUsedApp: string | null;
  signInToM365Domain: string | null;
  lastActivityDate: string | null;
  /** Days since the newest evidence of use (sign-ins and app activity), as the rules and every card read it. */
  daysSinceLastActivity: number | null;
  activations: string | null;
  mailUsageMb: number | null;
  oneDriveUsageMb: number | null;
  windows: boolean | null;
  mac: boolean | null;
  mobile: boolean | null;
  web: boolean | null;
  onPremisesSync: boolean;
}

/** Any user, active or not (the `user <upn>` command). */
export interface UserInsight {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  state: UserState;
  /** Present when state is a finding kind. */
  finding: Finding | null;
  evidence: Evidence;
  licenses: LicenseEvidence[];
  exclusions: Exclusion[];
  confidence: Confidence;
  /** The Users-tab columns, when the read asked for them (the Users tab, `user <upn>`). */
  usersTab?: UsersTab;
}

export type FindingSort = 'cost' | 'daysInactive' | 'name';

export interface ListOptions {
  kind: FindingKind;
  /** Default `flagged`. */
  status?: FindingStatus | 'all';
  /** 1-based. Default 1. */
  page?: number;
  /** Default 10, at most 500. */
  pageSize?: number;
  /** Default `cost` (highest first); `daysInactive` oldest first; `name` by UPN. */
  sort?: FindingSort;
}

export interface FindingPage {
  kind: FindingKind;
  status: FindingStatus | 'all';
  sort: FindingSort;
  page: number;
  pageSize: number;
  total: number;
  items: Finding[];
}

export interface KindCounts {
  flagged: number;
  excluded: number;
  /** Excluded users per reason code (a user may count under several). */
  excludedBy: Partial<Record<ExclusionCode, number>>;
}

/** The `summary` command and the digest's headline. */
export interface InsightsSummary {
  /** The instant the rules were evaluated at. */
  at: string;
  /** Newest report refresh date in the store (cards say "as of"). */
  reportsAsOf: string | null;
  users: { total: number; enabled: number; licensed: number };
  counts: Record<FindingKind, KindCounts>;
  /** Monthly cost of managed licenses held by flagged users, per kind and in total, per currency (entered, list price or mixed). */
  waste: {
    byKind: Record<FindingKind, SourcedAmount[]>;
    total: SourcedAmount[];
    listPrice: boolean;
    unpricedLicenses: number;
  };
  /** Monthly cost of licenses reclaimed (from the reclamation history), per currency, at the cost each was approved at. */
  savings: SourcedAmount[];
  /** Report rows held as suspicious activities (concealed names no user could be matched to). */
  suspicious: number;
  confidence: Confidence;
}

/** One SKU's cost and seats (spend report). */
export interface SpendLine {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  managed: boolean;
  consumedUnits: number;
  prepaidUnits: number;
  /** Cost as entered (or listed), before normalisation. */
  cost: {
    amount: string;
    currency: string;
    paymentFrequency: string;
    termMonths?: number | null;
    effectiveDate: string | null;
    expirationDate: string | null;
    source: CostSource;
  } | null;
  monthlyPerLicense: MonthlyCost | null;
  /** monthlyPerLicense × consumed units. */
  monthlyTotal: CurrencyAmount | null;
  /** Whether the figure is a cost entered in License Details or Microsoft's list price; null when nothing counts. */
  source: CostSource | null;
  /** expired, not-yet-effective (the entered cost is not in force: the list price counts), unpriced, unknown-frequency, one-time-without-term, unmanaged. */
  flags: string[];
}

export interface SpendSummary {
  at: string;
  lines: SpendLine[];
  /** Managed, counted lines only; one entry per currency. */
  totals: CurrencyAmount[];
  listPrice: boolean;
}

export interface DowngradeCandidate {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  from: { skuId: string; skuPartNumber: string; friendlyName: string; monthlyCost: MonthlyCost };
  to: { skuId: string; skuPartNumber: string; friendlyName: string; monthlyCost: MonthlyCost; availableSeats: number };
  /** Services used in the window that `from` provided; `to` covers them all. */
  usedServices: string[];
  /** Service plans of `from` that `to` lacks (security, device management…): what the user would lose. */
  lostPlans: string[];
  monthlySaving: CurrencyAmount;
  listPrice: boolean;
  /** `from` is assigned by a group: change the group, not the user. */
  reclaimable: boolean;
}

/** A user holding two SKUs where one's service plans are all inside the other's (e.g. E3 + E5). */
export interface OverlapFinding {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
  redundant: { skuId: string; skuPartNumber: string; friendlyName: string; monthlyCost: MonthlyCost | null };
  coveredBy: { skuId: string; skuPartNumber: string; friendlyName: string };
  reclaimable: boolean;
}

export interface DowngradePage {
  page: number;
  pageSize: number;
  total: number;
  items: DowngradeCandidate[];
  /** Counts and monthly saving per (from → to), for cards. */
  groups: { from: string; to: string; users: number; monthlySaving: CurrencyAmount }[];
}

export interface OverlapPage {
  page: number;
  pageSize: number;
  total: number;
  items: OverlapFinding[];
  groups: { redundant: string; coveredBy: string; users: number; monthlySaving: CurrencyAmount | null }[];
}

/** Per managed SKU: how many holders used each of the 11 services in 30 / 90 days (docs/product-rules.md R17). */
export interface DifferentiationRow {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  holders: number;
  services: { app: AppName; label: string; active30: number; active90: number }[];
  /** Holders with no activity in any service in 90 days. */
  idle90: number;
}
