import {
  FINDING_KIND,
  FINDING_KINDS,
  type CopilotOverview,
  type ExclusionCode,
  type FindingKind,
  type InsightsSummary,
} from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardAction, Fact, TitledAction } from './card-parts';
import { copilotLine } from './copilot';
import { ago, count, day, instant, money, plural, sourcedMoney } from './format';
import { KIND_TITLES, type FindingsPageData } from './findings';
import { TASK_TITLES } from './runs';

export interface SummaryCardInput {
  summary: InsightsSummary;
  thresholdDays: number;
  downgrades: { users: number; monthlySaving: { currency: string; amount: string }[] };
  approvals: { pending: number; oldestCreatedAt: string | null };
  tasks: { task: string; status: string | null; finishedAt: string | null }[];
  /** A signed link to the Users tab's CSV; empty when the server's address is not known. */
  usersExportUrl?: string;
  /** Null when the tenant has no managed Copilot license. */
  copilot?: CopilotOverview | null;
  now: Date;
  banner: string;
}

const BUTTON_TITLES: Record<FindingKind, string> = { inactive: 'Inactive', never: 'Never', blocked: 'Blocked' };

const EXCLUSION_WORDS: Record<ExclusionCode, string> = {
  'named-user': 'named in policy',
  group: 'in an excluded group',
  guest: 'guests',
  'new-account': 'new accounts',
  'resource-mailbox': 'shared or room mailboxes',
  'service-account': 'service accounts',
  mfa: 'registered for MFA',
  sso: 'on-premises synced (SSO assumed)',
  'insufficient-data': 'not enough data',
};

function excludedText(by: Partial<Record<ExclusionCode, number>>, total: number): string {
  if (!total) return 'none excluded';
  const parts = Object.entries(by)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([code, n]) => `${n} ${EXCLUSION_WORDS[code as ExclusionCode] ?? code}`);
  return `${count(total)} excluded (${parts.join(', ')})`;
}

/** The data of `templates/summary.json`. */
export interface SummaryCard {
  title: string;
  subtitle: string;
  banner: string;
  waste: string;
  kinds: { title: string; count: string; waste: string; excluded: string }[];
  facts: Fact[];
  /** When each integration task last finished. */
  freshness: Fact[];
  notes: string[];
  unpriced: string;
  listPrice: string;
  /** A button per finding list, and one for the downgrades. */
  lists: TitledAction<FindingsPageData>[];
  downgradesAction: TitledAction<{ page: number }>;
  usersExportUrl: string;
}

/** Data for `templates/summary.json`: counts and waste per finding, downgrades, approvals, freshness, list buttons. */
export function summaryCardData(input: SummaryCardInput): SummaryCard {
  const s = input.summary;
  const open = (list: FindingKind): CardAction<FindingsPageData> => ({
    verb: VERBS.findingsPage,
    data: { list, page: 1 },
  });
  return {
    title: 'License waste summary',
    subtitle: `Usage reports as of ${day(s.reportsAsOf, 'unknown')} · ${plural(s.users.licensed, 'licensed user')} of ${count(s.users.total)}`,
    banner: input.banner,
    waste: sourcedMoney(s.waste.total, 'nothing priced'),
    kinds: FINDING_KINDS.map((k) => ({
      title: k === FINDING_KIND.inactive ? `Inactive ${input.thresholdDays}+ days` : KIND_TITLES[k],
      count: count(s.counts[k].flagged),
      waste: `${sourcedMoney(s.waste.byKind[k])} a month`,
      excluded: excludedText(s.counts[k].excludedBy, s.counts[k].excluded),
    })),
    facts: [
      {
        title: 'Downgrade potential',
        value: input.downgrades.users
          ? `${plural(input.downgrades.users, 'user')} · ${money(input.downgrades.monthlySaving)} a month`
          : 'none found',
      },
      {
        title: 'Pending approvals',
        value: input.approvals.pending
          ? `${count(input.approvals.pending)} waiting, oldest requested ${ago(input.approvals.oldestCreatedAt, input.now)}`
          : 'none',
      },
      {
        title: 'Saved to date',
        value: `${sourcedMoney(s.savings, 'nothing yet')}${s.savings.length ? ' a month' : ''}`,
      },
      ...(s.suspicious
        ? [
            {
              title: 'Suspicious activities',
              value: `${plural(s.suspicious, 'report row')} with concealed user names: \`suspicious\` lists them and how to show names`,
            },
          ]
        : []),
      ...(input.copilot ? [copilotLine(input.copilot)] : []),
    ],
    freshness: input.tasks.map((t) => ({
      title: TASK_TITLES[t.task]?.title ?? t.task,
      value: t.status
        ? `${t.status}, ${t.finishedAt ? `finished ${instant(t.finishedAt)} (${ago(t.finishedAt, input.now)})` : 'running'}`
        : 'never run',
    })),
    notes: s.confidence.notes.map((n) => n.text),
    unpriced: s.waste.unpricedLicenses
      ? `${plural(s.waste.unpricedLicenses, 'license')} without a cost are not counted in the waste.`
      : '',
    listPrice: s.waste.listPrice
      ? 'Figures marked "list price" use Microsoft list prices where no cost of your own is entered; `costs` shows which, and admins enter costs there.'
      : '',
    // Short titles: Teams shows four buttons side by side only if they fit.
    lists: FINDING_KINDS.map((k) => ({ title: `${BUTTON_TITLES[k]} (${count(s.counts[k].flagged)})`, ...open(k) })),
    downgradesAction: {
      title: `Downgrades (${count(input.downgrades.users)})`,
      verb: VERBS.downgradesPage,
      data: { page: 1 },
    },
    usersExportUrl: input.usersExportUrl ?? '',
  };
}
