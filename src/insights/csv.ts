import type { Finding, UserInsight } from './types';

/**
 * CSV for exports (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
 * A field starting with = + - @ (or tab / CR) is prefixed with a quote so a spreadsheet never runs
 * it as a formula (OWASP "CSV injection").
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Yes or No; blank only when unknown. */
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 'Yes' : 'No');
const day = (v: string | null | undefined) => v?.slice(0, 10) ?? null;

const HEADER = [
  'User Principal Name',
  'Display Name',
  'Finding',
  'Status',
  'Exclusions',
  'Days Since Last Activity',
  'Latest Evidence',
  'Latest Evidence Source',
  'Last Successful Sign-in',
  'Last Non-interactive Sign-in',
  'Last Sign-in Attempt',
  'Last Activity Date',
  'Last Used M365 Application',
  'Account Created Date',
  'Block Credentials',
  'Is MFA Turned On',
  'Guest',
  'Licenses',
  'Not Reclaimable Directly',
  'Monthly Cost',
  'List Price',
  'Confidence',
  'Confidence Notes',
  'User Id',
];

export function findingCsvHeader(): string {
  return csvLine(HEADER);
}

export function findingCsvRow(f: Finding): string {
  const e = f.evidence;
  return csvLine([
    f.userPrincipalName,
    f.displayName,
    f.kind,
    f.status,
    f.exclusions.map((x) => x.code).join('; '),
    e.daysSinceLatest,
    e.latest?.date,
    e.latest?.source,
    e.lastSuccessfulSignIn,
    e.lastNonInteractiveSignIn,
    e.lastSignInAttempt,
    e.lastActivityDate,
    e.lastUsedApp,
    e.createdDateTime,
    yesNo(!e.accountEnabled),
    yesNo(e.mfaRegistered),
    yesNo(e.userType.toLowerCase() === 'guest'),
    f.licenses.map((l) => l.skuPartNumber).join('; '),
    f.licenses
      .filter((l) => !l.reclaimable)
      .map((l) => `${l.skuPartNumber} (${l.groups.map((g) => g.name).join(', ')})`)
      .join('; '),
    f.monthlyCost.map((c) => `${c.amount} ${c.currency}`).join('; '),
    yesNo(f.listPrice),
    f.confidence.level,
    f.confidence.notes.map((n) => n.code).join('; '),
    f.userId,
  ]);
}

/** The Users-tab columns (docs/product-rules.md R24) in their order, then the product's own (state, exclusions, cost, confidence). */
const USER_HEADER = [
  'User Principal Name',
  'Email',
  'First Name',
  'Last Name',
  'Display Name',
  'Active Date',
  'Deactivated Date',
  'Licenses',
  'Block Credentials',
  'Is MFA Turned On',
  'Last Used M365 Application',
  'Sign in to M365 Domain',
  'Last Activity Date',
  'Days Since Last Activity',
  'Activations',
  'Mail Usage (MB)',
  'OneDrive Usage (MB)',
  'Windows',
  'Mac',
  'Mobile',
  'Web',
  'onPremisesSync',
  'Guest',
  'Title',
  'Country',
  'Account Created Date',
  'State',
  'Exclusions',
  'Last Successful Sign-in',
  'Mailbox Type',
  'Monthly Cost',
  'Confidence',
  'User Id',
];

/** The Users tab: the columns of docs/product-rules.md R24, with each user's state. */
export function userCsvHeader(): string {
  return csvLine(USER_HEADER);
}

export function userCsvRow(u: UserInsight): string {
  const e = u.evidence;
  const t = u.usersTab;
  const cost = u.finding?.monthlyCost ?? [];
  return csvLine([
    u.userPrincipalName,
    t?.email,
    t?.firstName,
    t?.lastName,
    u.displayName,
    day(t?.activeDate),
    day(t?.deactivatedDate),
    (t?.licenses ?? u.licenses.map((l) => l.friendlyName)).join('; '),
    yesNo(!e.accountEnabled),
    yesNo(e.mfaRegistered),
    t?.lastUsedApp ?? e.lastUsedApp,
    e.lastSignInAttempt,
    e.lastActivityDate,
    e.daysSinceLatest,
    t?.activations,
    t?.mailUsageMb,
    t?.oneDriveUsageMb,
    yesNo(t?.windows),
    yesNo(t?.mac),
    yesNo(t?.mobile),
    yesNo(t?.web),
    yesNo(e.onPremisesSyncEnabled === true),
    yesNo(e.userType.toLowerCase() === 'guest'),
    t?.title,
    t?.country,
    day(e.createdDateTime),
    u.state,
    u.exclusions.map((x) => x.code).join('; '),
    e.lastSuccessfulSignIn,
    e.mailboxType,
    cost.map((c) => `${c.amount} ${c.currency}`).join('; '),
    u.confidence.level,
    u.userId,
  ]);
}
