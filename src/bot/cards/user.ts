import { USER_STATE, type UserInsight, type UserState } from '../../insights';
import { APPS, APP_LABELS, type TenantUser } from '../../store';
import { appLabel } from './findings';
import type { Fact } from './card-parts';
import { ago, count, day, instant, money, plain, yesNo } from './format';

export interface UserCardInput {
  insight: UserInsight;
  /** The stored row: every Users-tab column (docs/product-rules.md R24). */
  user: TenantUser;
  thresholdDays: number;
  now: Date;
  banner: string;
}

const STATES: Record<UserState, { title: string; style: string }> = {
  inactive: { title: 'Inactive', style: 'attention' },
  never: { title: 'Never signed in', style: 'attention' },
  blocked: { title: 'Blocked, still licensed', style: 'attention' },
  active: { title: 'Active', style: 'good' },
  unlicensed: { title: 'No managed license', style: 'emphasis' },
  'blocked-unlicensed': { title: 'Blocked, no managed license', style: 'emphasis' },
  deactivated: { title: 'No longer in the directory', style: 'emphasis' },
};

function mb(value: number | null): string {
  return value === null ? '—' : `${count(Math.round(value * 10) / 10)} MB`;
}

/** Why the user is (or is not) a finding, in a sentence. */
function verdict(i: UserInsight, thresholdDays: number): string {
  const e = i.evidence;
  const flagged = i.finding?.status === 'flagged';
  switch (i.state) {
    case USER_STATE.inactive:
      return `No evidence of use for ${e.daysSinceLatest} days (threshold ${thresholdDays}). ${flagged ? 'Proposed for reclamation.' : 'Matches the rule, but excluded:'}`;
    case USER_STATE.never:
      return `No sign-in and no app activity ever, account ${e.accountAgeDays ?? '?'} days old. ${flagged ? 'Proposed for reclamation.' : 'Matches the rule, but excluded:'}`;
    case USER_STATE.blocked:
      return `Sign-in is blocked, yet the account holds paid licenses. ${flagged ? 'Proposed for reclamation.' : 'Matches the rule, but excluded:'}`;
    case USER_STATE.active:
      return e.latest
        ? `Last evidence of use ${e.daysSinceLatest === 0 ? 'today' : `${e.daysSinceLatest} days ago`} (${e.latest.source}).`
        : 'Active.';
    case USER_STATE.unlicensed:
    case USER_STATE.blockedUnlicensed:
      return 'Holds no managed license, so there is nothing to reclaim.';
    case USER_STATE.deactivated:
      return 'The directory no longer lists this account; it is kept for history.';
  }
}

/** The data of `templates/user.json`. */
export interface UserCard {
  name: string;
  upn: string;
  banner: string;
  state: string;
  stateStyle: string;
  /** Why the user is (or is not) a finding, and the exclusions that hold them back. */
  verdict: string;
  exclusions: string[];
  evidence: Fact[];
  /** The Users-tab columns (docs/product-rules.md R24). */
  columns: Fact[];
  apps: Fact[];
  licenses: { name: string; how: string; cost: string; note: string }[];
  reportsAsOf: string;
  noLicenses: string;
  notes: string[];
}

/** Data for `templates/user.json`: every Users-tab column, per-app activity, licenses, classification. */
export function userCardData(input: UserCardInput): UserCard {
  const { insight: i, user: u, now } = input;
  const e = i.evidence;
  // The Users tab as the export computes it (src/insights/explain.ts): the same Yes/No and the same days since.
  const t = i.usersTab;
  const state = STATES[i.state];
  const byApp = new Map(e.apps.map((a) => [a.app, a]));
  return {
    name: plain(i.displayName ?? u.userPrincipalName),
    upn: u.userPrincipalName,
    banner: input.banner,
    state: state.title,
    stateStyle: state.style,
    verdict: verdict(i, input.thresholdDays),
    exclusions: i.exclusions.map((x) => x.reason),
    evidence: [
      {
        title: 'Last evidence of use',
        value: e.latest ? `${e.latest.source}, ${instant(e.latest.date)} (${ago(e.latest.date, now)})` : 'none ever',
      },
      {
        title: 'Last sign-in attempt',
        value: e.lastSignInAttempt ? `${instant(e.lastSignInAttempt)} (not counted as use)` : '—',
      },
    ],
    columns: [
      { title: 'UPN', value: u.userPrincipalName },
      { title: 'Email', value: u.mail ?? '—' },
      { title: 'First Name', value: u.givenName ?? '—' },
      { title: 'Last Name', value: u.surname ?? '—' },
      { title: 'Title', value: u.jobTitle ?? '—' },
      { title: 'Country', value: u.country ?? '—' },
      { title: 'Guest', value: yesNo(u.userType === 'Guest') },
      { title: 'Block Credentials', value: yesNo(!u.accountEnabled) },
      { title: 'Is MFA Turned On', value: yesNo(u.mfaRegistered) },
      { title: 'onPremisesSync', value: yesNo(t ? t.onPremisesSync : u.onPremisesSyncEnabled) },
      { title: 'Account Created Date', value: day(u.createdDateTime, 'unknown') },
      { title: 'Active Date', value: day(u.activeDate) },
      { title: 'Deactivated Date', value: day(u.deactivatedDate) },
      { title: 'Last Used M365 Application', value: appLabel(u.lastUsedApp) ?? '—' },
      { title: 'Last Activity', value: u.lastActivityDate ? day(u.lastActivityDate) : 'Never' },
      {
        title: 'Days Since Last Activity',
        value: e.daysSinceLatest === null ? '—' : `${count(e.daysSinceLatest)} (${e.latest?.source})`,
      },
      { title: 'Sign in to M365 Domain', value: instant(u.lastSignInDateTime) },
      { title: 'Activations', value: u.activations ?? '—' },
      { title: 'Mail Usage', value: mb(u.mailUsageMb) },
      { title: 'OneDrive Usage', value: mb(u.oneDriveUsageMb) },
      {
        title: 'Windows · Mac · Mobile · Web',
        value: (t ? [t.windows, t.mac, t.mobile, t.web] : [u.usesWindows, u.usesMac, u.usesMobile, u.usesWeb])
          .map(yesNo)
          .join(' · '),
      },
    ],
    apps: APPS.map((app) => {
      const a = byApp.get(app);
      return {
        title: APP_LABELS[app],
        value:
          app === 'visio' && !a?.date
            ? 'no activation in 90 days (Microsoft reports no Visio activity date)'
            : a?.date
              ? `${day(a.date)} · ${ago(a.date, now)}${app === 'visio' ? ' (activated)' : ''}`
              : 'no activity in 90 days',
      };
    }),
    licenses: i.licenses.map((l) => ({
      name: l.friendlyName,
      how: l.groups.length
        ? `${l.direct ? 'Direct, and via' : 'Via'} group ${l.groups.map((g) => g.name).join(', ')}`
        : 'Direct assignment',
      cost: l.monthlyCost
        ? `${money(l.monthlyCost)} a month${l.monthlyCost.source === 'list-price' ? ' (list price)' : ''}`
        : (l.costNote ?? 'no cost entered'),
      note: l.reclaimable ? '' : 'Group-assigned: cannot be reclaimed one user at a time; change the group.',
    })),
    reportsAsOf: e.apps.find((a) => a.asOf)?.asOf
      ? `Usage reports as of ${day(e.apps.find((a) => a.asOf)!.asOf)}; Microsoft publishes them up to 3 days late.`
      : '',
    noLicenses: i.licenses.length ? '' : 'No managed licenses.',
    notes: i.confidence.notes.map((n) => n.text),
  };
}
