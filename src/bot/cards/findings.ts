import { FINDING_KIND, type Finding, type FindingKind, type FindingPage, type LicenseEvidence } from '../../insights';
import { APP_LABELS, type AppName } from '../../store';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb, ListCardTop, TitledAction } from './card-parts';
import { ago, count, day, money, plain } from './format';
import type { ReclaimTarget } from './reclaim-preview';

export const KIND_TITLES: Record<FindingKind, string> = {
  inactive: 'Inactive users',
  never: 'Never signed in',
  blocked: 'Blocked, still licensed',
};

/** What a list card's buttons carry back: validated by actions/findings-page.ts. */
export interface FindingsPageData {
  list: FindingKind;
  page: number;
  /** The inactive threshold the list was asked with (`inactive 60`); absent = policy. */
  days?: number;
  /** The users the policy holds back, each with the reason (absent: the flagged ones). */
  excluded?: true;
}

export interface FindingsCardInput {
  page: FindingPage;
  /** The inactive threshold in force for this list. */
  thresholdDays: number;
  /** Set when the person asked for a threshold other than the policy's. */
  days?: number;
  now: Date;
  banner: string;
  exportUrl: string | null;
  /** Shown above the rows, e.g. that the list changed since the card was sent. */
  notice?: string;
  /** The viewer is an admin: offer "Request reclamation" per row and for the page. */
  reclaim?: boolean;
  /** On a flagged list: how many the policy excludes (a button opens them). */
  excludedCount?: number;
  /** The viewer is an admin and holders are asked first: offer "Ask these users" (inactive and never lists). */
  ask?: boolean;
}

/** What "Ask these users" carries: the list (and its threshold), and the page's users or none (all that match). */
export interface AskTarget {
  list: 'inactive' | 'never';
  days?: number;
  upns?: string[];
}

export function appLabel(app: string | null): string | null {
  if (!app) return null;
  return APP_LABELS[app as AppName] ?? app;
}

export function licenseText(l: LicenseEvidence): string {
  const groups = l.groups.map((g) => g.name).join(', ');
  return groups ? `${l.friendlyName} (${l.direct ? 'direct and ' : ''}via ${groups})` : l.friendlyName;
}

/** The one line of evidence that matters for the row's finding. */
export function evidenceText(f: Finding, now: Date): string {
  const e = f.evidence;
  const lastApp = appLabel(e.lastUsedApp);
  const app = lastApp ? ` · last app ${lastApp}${e.lastActivityDate ? ` (${day(e.lastActivityDate)})` : ''}` : '';
  switch (f.kind) {
    case FINDING_KIND.inactive:
      return `${e.daysSinceLatest ?? '?'} days since last use (${e.latest?.source ?? 'no evidence'}, ${day(e.latest?.date)})${app}`;
    case FINDING_KIND.never:
      return `Never used · account created ${day(e.createdDateTime, 'unknown')}${e.accountAgeDays !== null ? ` (${e.accountAgeDays} days ago)` : ''}${e.lastSignInAttempt ? ` · failed sign-in attempts only, last ${ago(e.lastSignInAttempt, now)}` : ''}`;
    case FINDING_KIND.blocked:
      return `Sign-in blocked · last use ${e.latest ? `${ago(e.latest.date, now)} (${day(e.latest.date)})` : 'never'}${app}`;
  }
}

function subtitle(kind: FindingKind, thresholdDays: number, excluded: boolean): string {
  if (excluded)
    return 'They match this finding, but the policy holds them back: never proposed for reclamation. Each shows why.';
  switch (kind) {
    case FINDING_KIND.inactive:
      return `Enabled and licensed, no sign-in or app activity for ${thresholdDays} days or more.`;
    case FINDING_KIND.never:
      return 'Licensed, no sign-in or app activity ever, account older than the grace period.';
    case FINDING_KIND.blocked:
      return 'Sign-in blocked (Block Credentials: Yes) but still holding paid licenses.';
  }
}

/** One user of the list: the evidence, the licenses and their cost, and "Request reclamation" (null: not offered). */
export interface FindingRow {
  name: string;
  upn: string;
  evidence: string;
  licenses: string;
  cost: string;
  per: string;
  note: string;
  reclaim: CardAction<ReclaimTarget> | null;
}

/** The data of `templates/findings.json`; a null action is a button the card does not show. */
export interface FindingsCard extends ListCardTop {
  rows: FindingRow[];
  reclaimPage: CardAction<ReclaimTarget> | null;
  /** Ask the holders first: this page's users, or all the list matches (admins, inactive and never lists). */
  askPage: TitledAction<AskTarget> | null;
  askAll: TitledAction<AskTarget> | null;
  /** From the flagged users to the excluded ones, or back. */
  other: TitledAction<FindingsPageData> | null;
  notes: string[];
  listPrice: string;
  previous: CardAction<FindingsPageData> | null;
  next: CardAction<FindingsPageData> | null;
  exportUrl: string;
  summary: CardVerb;
}

/** "Ask these users" for the page and "Ask all N", on the lists whose holders can answer. */
function askActions(input: FindingsCardInput, upns: string[]): Pick<FindingsCard, 'askPage' | 'askAll'> {
  const list = input.page.kind;
  if (
    !input.ask ||
    input.page.status === 'excluded' ||
    !upns.length ||
    (list !== FINDING_KIND.inactive && list !== FINDING_KIND.never)
  )
    return { askPage: null, askAll: null };
  const base = { list, ...(input.days ? { days: input.days } : {}) };
  return {
    askPage: { title: `Ask these users (${upns.length})`, verb: VERBS.askPreview, data: { ...base, upns } },
    askAll:
      input.page.total > upns.length
        ? { title: `Ask all ${count(input.page.total)}`, verb: VERBS.askPreview, data: base }
        : null,
  };
}

/** Data for `templates/findings.json`: one page of a finding list, most expensive first. */
export function findingsCardData(input: FindingsCardInput): FindingsCard {
  const { page: p, now } = input;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const excluded = p.status === 'excluded';
  const pageData = (n: number, other = false): FindingsPageData => ({
    list: p.kind,
    page: n,
    ...(input.days ? { days: input.days } : {}),
    ...(excluded !== other ? { excluded: true as const } : {}),
  });
  const canReclaim = (f: Finding) => !excluded && !!input.reclaim && f.licenses.some((l) => l.reclaimable);
  const reclaimable = p.items.filter(canReclaim).map((f) => f.userPrincipalName);
  const notes = [...new Set(p.items.flatMap((f) => f.confidence.notes.map((n) => n.text)))].slice(0, 2);
  return {
    title: excluded ? `${KIND_TITLES[p.kind]}: excluded by policy` : KIND_TITLES[p.kind],
    subtitle: subtitle(p.kind, input.thresholdDays, excluded),
    status: p.total
      ? `${count(p.total)} ${p.total === 1 ? 'user' : 'users'} · page ${p.page} of ${pages} · most expensive first`
      : '',
    banner: input.banner,
    notice: input.notice ?? '',
    empty: p.total
      ? ''
      : excluded
        ? 'Nobody: the policy excludes no user from this list.'
        : 'Nobody: no licensed user matches this finding right now.',
    rows: p.items.map((f) => ({
      name: plain(f.displayName ?? f.userPrincipalName),
      upn: f.userPrincipalName,
      evidence: evidenceText(f, now),
      licenses: f.licenses.map(licenseText).join(', ') || 'no managed license',
      cost: money(f.monthlyCost),
      per: f.monthlyCost.length ? 'a month' : '',
      note: excluded
        ? `Excluded: ${plain(f.exclusions.map((e) => e.reason.replace(/\.$/, '')).join('; '))}.`
        : f.licenses.some((l) => !l.reclaimable)
          ? 'Group-assigned: change the group, not the user.'
          : '',
      reclaim: canReclaim(f) ? { verb: VERBS.reclaimPreview, data: { upns: [f.userPrincipalName] } } : null,
    })),
    reclaimPage: reclaimable.length > 1 ? { verb: VERBS.reclaimPreview, data: { upns: reclaimable } } : null,
    ...askActions(input, reclaimable),
    other: excluded
      ? { title: 'Show flagged', verb: VERBS.findingsPage, data: pageData(1, true) }
      : input.excludedCount
        ? { title: `Show excluded (${count(input.excludedCount)})`, verb: VERBS.findingsPage, data: pageData(1, true) }
        : null,
    notes,
    listPrice: p.items.some((f) => f.listPrice)
      ? 'Costs include Microsoft list prices where no cost of your own is entered; `spend` shows which.'
      : '',
    previous: p.page > 1 ? { verb: VERBS.findingsPage, data: pageData(Math.min(p.page - 1, pages)) } : null,
    next: p.page < pages ? { verb: VERBS.findingsPage, data: pageData(p.page + 1) } : null,
    exportUrl: input.exportUrl ?? '',
    summary: { verb: VERBS.summary },
  };
}
