import { CONCEALED_FIX } from '../store';
import { DAY_MS, dayOf, daysSince } from './dates';
import type { Policy } from './policy';
import type { DataAvailability } from './sql/data-availability';
import type { UserFacts } from './sql/user-facts';
import { FINDING_KIND, USER_STATE, type Confidence, type ConfidenceNote, type UserState } from './types';

const MAJOR = new Set<ConfidenceNote['code']>(['no-sync', 'no-sign-in-data', 'no-report-data', 'reports-concealed']);

/** Tenant-wide data gaps (missing AuditLog.Read.All or Entra P1: docs/product-rules.md R7, R8; concealed reports: R14; young history). */
export function dataNotes(data: DataAvailability, policy: Policy, now: Date): ConfidenceNote[] {
  if (!data.rosterAt)
    return [{ code: 'no-sync', text: 'No completed roster run yet: nothing can be concluded about use.' }];
  const notes: ConfidenceNote[] = [];
  const reason = (pattern: RegExp) => data.skipped.find((s) => pattern.test(s.part))?.reason ?? '';
  if (!data.signIns) {
    notes.push({
      code: 'no-sign-in-data',
      text: `Sign-in data unavailable (${reason(/signInActivity|sign in to m365/i) || 'not read'}): evidence of use comes from usage reports only; nobody is called "never logged in".`,
    });
  }
  if (data.concealed) {
    notes.push({
      code: 'reports-concealed',
      text: `Usage reports conceal user names, so per-app activity and mailbox types cannot be matched to users: their rows are kept as suspicious activities (\`suspicious\` lists them), evidence comes from sign-ins only and nobody is called "never logged in". ${CONCEALED_FIX}`,
    });
  } else if (!data.reports) {
    notes.push({
      code: 'no-report-data',
      text: `Usage reports unavailable (${reason(/usage reports/i) || 'not read yet'}): evidence comes from sign-ins only; nobody is called "never logged in".`,
    });
  }
  if (
    data.signInLog &&
    data.firstAccessAt &&
    data.firstAccessAt > new Date(now.getTime() - policy.inactiveDays * DAY_MS).toISOString()
  ) {
    notes.push({
      code: 'young-history',
      text: `The first sync ran ${dayOf(Date.parse(data.firstAccessAt))} (${daysSince(data.firstAccessAt, now)} days ago), less than the ${policy.inactiveDays}-day threshold: Dynamics 365, Power BI and Project use is known only since then (the sign-in log keeps 30 days).`,
    });
  }
  if (policy.excludeResourceMailboxes && (data.concealed || data.mailboxTypes === false)) {
    const why = data.concealed
      ? 'concealed user names in the mailbox report'
      : 'the mailbox usage report has no Recipient Type column in this tenant';
    notes.push({
      code: 'mailbox-type-unknown',
      text: `Mailbox types are unknown (${why}): shared, room and equipment mailboxes, usually blocked accounts, are recognised only by the name patterns in the policy.`,
    });
  }
  if (
    data.reports &&
    data.reportsAsOf &&
    data.reportsAsOf < dayOf(now.getTime() - (policy.reportLagDays + 1) * DAY_MS)
  ) {
    notes.push({
      code: 'stale-reports',
      text: `Usage reports are as of ${data.reportsAsOf}, older than the ${policy.reportLagDays}-day lag allowed for.`,
    });
  }
  return notes;
}

/**
 * Excluded groups the policy names but the store does not know (not read by a sync yet, or no such
 * group): their members cannot be held back, so every finding says so until a sync reads them.
 */
export function groupNotes(unresolvedGroups: readonly string[]): ConfidenceNote[] {
  if (unresolvedGroups.length === 0) return [];
  const names = unresolvedGroups.map((g) => `"${g}"`).join(', ');
  return [
    {
      code: 'excluded-group-unknown',
      text: `The policy excludes the group(s) ${names}, which the last sync did not find: their members are not excluded until a sync reads them (run \`sync\`, or check the name).`,
    },
  ];
}

/** Notes for one user: the tenant's (where they matter to the state) plus the user's own gaps. */
export function confidenceFor(
  state: UserState,
  facts: UserFacts,
  tenant: readonly ConfidenceNote[],
  policy: Policy,
): Confidence {
  // A blocked account is blocked whatever its use: what matters is a missing sync and what may exclude it (a shared mailbox is blocked too).
  const notes =
    state === FINDING_KIND.blocked || state === USER_STATE.blockedUnlicensed
      ? tenant.filter((n) => ['no-sync', 'mailbox-type-unknown', 'excluded-group-unknown'].includes(n.code))
      : [...tenant];
  if (
    state === FINDING_KIND.inactive &&
    policy.mfaRule &&
    facts.mfaRegistered === null &&
    !(policy.ssoRule && facts.onPremisesSyncEnabled === true)
  ) {
    notes.push({
      code: 'mfa-unknown',
      text: 'MFA registration unknown (UserAuthenticationMethod.Read.All not granted, or not reported for this user): the MFA part of the MFA/SSO rule could not be checked.',
    });
  }
  if ((state === FINDING_KIND.never || state === FINDING_KIND.blocked) && facts.createdDateTime === null) {
    notes.push({
      code: 'created-unknown',
      text: 'Account creation date unknown (Graph has none for some accounts created before June 2018): treated as older than the grace period.',
    });
  }
  return confidenceOf(notes);
}

/** low: a whole source is missing; medium: a minor gap; high: every source read. */
export function confidenceOf(notes: ConfidenceNote[]): Confidence {
  return { level: notes.some((n) => MAJOR.has(n.code)) ? 'low' : notes.length ? 'medium' : 'high', notes };
}
