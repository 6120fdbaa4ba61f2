import {
  differenceByCurrency,
  FINDING_KINDS,
  type CopilotOverview,
  type CurrencyAmount,
  type FindingKind,
  type HolderWeek,
  type InsightsSummary,
} from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardVerb, Fact } from './card-parts';
import { copilotLine } from './copilot';
import { ago, count, day, money, plural, sourcedMoney } from './format';
import { TASK_TITLES } from './runs';

/** The numbers a digest keeps so next week's can show the change. */
export interface DigestHeadline {
  counts: Record<FindingKind, number>;
  waste: CurrencyAmount[];
}

export interface IdleLicenseRow {
  name: string;
  upn: string;
  kind: FindingKind;
  licenses: string;
  monthlyCost: CurrencyAmount[];
  daysIdle: number | null;
}

/** Everything a weekly digest says, gathered by digest/content.ts. */
export interface DigestFacts {
  scheduledFor: string;
  summary: InsightsSummary;
  previous: DigestHeadline | null;
  savingsThisWeek: CurrencyAmount[];
  topIdle: IdleLicenseRow[];
  downgrades: { users: number; monthlySaving: CurrencyAmount[] };
  approvals: { pending: number; oldestCreatedAt: string | null };
  /** License holders asked this week and their answers; absent in digests gathered before the holder's step. */
  holders?: HolderWeek;
  tasks: { task: string; status: string | null; finishedAt: string | null }[];
  suspicious: number;
  /** Null when the tenant has no managed Copilot license. */
  copilot?: CopilotOverview | null;
  now: Date;
  banner: string;
}

const KIND_TITLES: Record<FindingKind, string> = {
  inactive: 'Inactive',
  never: 'Never signed in',
  blocked: 'Blocked, still licensed',
};

export function headlineOf(summary: InsightsSummary): DigestHeadline {
  return {
    counts: {
      inactive: summary.counts.inactive.flagged,
      never: summary.counts.never.flagged,
      blocked: summary.counts.blocked.flagged,
    },
    waste: summary.waste.total,
  };
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return 'first digest';
  const d = now - before;
  return d === 0 ? 'no change' : d > 0 ? `up ${count(d)} since last week` : `down ${count(-d)} since last week`;
}

function moneyChange(now: readonly CurrencyAmount[], before: readonly CurrencyAmount[] | undefined): string {
  if (!before) return 'First digest: next week shows the change.';
  const delta = differenceByCurrency(now, before).filter((d) => Number(d.amount) !== 0);
  if (!delta.length) return 'No change since last week.';
  return `${delta.map((d) => `${d.amount.startsWith('-') ? 'down' : 'up'} ${money({ currency: d.currency, amount: d.amount.replace(/^-/, '') })}`).join(', ')} since last week.`;
}

/**
 * The data of `templates/digest.json`. Stored with each digest (`Digest.content`, a JSON object) and
 * rendered again for each delivery, so a field added here is absent from digests stored before. A type
 * alias, not an interface: only an alias is assignable to the column's `Record<string, unknown>`.
 */
export type DigestCard = {
  title: string;
  subtitle: string;
  banner: string;
  waste: string;
  wasteChange: string;
  listPrice: string;
  kinds: { title: string; count: string; change: string; waste: string }[];
  facts: Fact[];
  topIdle: { name: string; detail: string; cost: string; kind: string }[];
  tasks: { title: string; status: string; color: string; when: string }[];
  warnings: string[];
  verbs: { summary: CardVerb['verb'] };
};

/** `4 asked · 2 released · 1 kept · 1 no answer` (and how many could not be asked). */
function holderWeek(h: HolderWeek): string {
  return `${count(h.asked)} asked · ${count(h.released)} released · ${count(h.kept)} kept · ${count(h.unanswered)} no answer${h.unreachable ? ` · ${count(h.unreachable)} could not be asked` : ''}`;
}

/** Data for `templates/digest.json`. Built once per digest and stored, so every chat gets the same card. */
export function digestCardData(f: DigestFacts): DigestCard {
  const s = f.summary;
  const headline = headlineOf(s);
  const concealed = s.confidence.notes.find((n) => n.code === 'reports-concealed');
  return {
    title: 'Weekly license digest',
    subtitle: `Week of ${day(f.scheduledFor)} · usage reports as of ${day(s.reportsAsOf, 'unknown')}`,
    banner: f.banner,
    waste: sourcedMoney(s.waste.total, 'nothing priced'),
    wasteChange: moneyChange(s.waste.total, f.previous?.waste),
    listPrice: s.waste.listPrice
      ? 'Figures marked "list price" use Microsoft list prices where no cost of your own is entered; `costs` shows which.'
      : '',
    kinds: FINDING_KINDS.map((k) => ({
      title: KIND_TITLES[k],
      count: count(headline.counts[k]),
      change: change(headline.counts[k], f.previous?.counts[k]),
      waste: `${sourcedMoney(s.waste.byKind[k], '—')} a month`,
    })),
    facts: [
      { title: 'Saved this week', value: money(f.savingsThisWeek, 'nothing reclaimed') },
      { title: 'Saved to date', value: `${sourcedMoney(s.savings, 'nothing yet')} a month` },
      {
        title: 'Downgrade potential',
        value: f.downgrades.users
          ? `${plural(f.downgrades.users, 'user')} · ${money(f.downgrades.monthlySaving)} a month`
          : 'none found',
      },
      {
        title: 'Pending approvals',
        value: f.approvals.pending
          ? `${count(f.approvals.pending)} waiting, oldest requested ${ago(f.approvals.oldestCreatedAt, f.now)}`
          : 'none',
      },
      ...(f.holders ? [{ title: 'License holders this week', value: holderWeek(f.holders) }] : []),
      ...(f.copilot ? [copilotLine(f.copilot)] : []),
    ],
    topIdle: f.topIdle.map((r) => ({
      name: r.name,
      detail: `${r.upn} · ${r.daysIdle === null ? 'never used' : `${r.daysIdle} days idle`} · ${r.licenses}`,
      cost: money(r.monthlyCost),
      kind: KIND_TITLES[r.kind],
    })),
    tasks: f.tasks.map((t) => ({
      title: TASK_TITLES[t.task]?.title ?? t.task,
      status: t.status ? t.status.charAt(0).toUpperCase() + t.status.slice(1) : 'Never run',
      color: t.status === 'succeeded' ? 'Good' : t.status === 'partial' ? 'Warning' : 'Attention',
      when: t.finishedAt ? `finished ${ago(t.finishedAt, f.now)}` : '',
    })),
    warnings: [
      ...(f.suspicious
        ? [
            `${plural(f.suspicious, 'suspicious activity', 'suspicious activities')}: usage-report rows whose user name is concealed and matches nobody.`,
          ]
        : []),
      ...(concealed ? [concealed.text] : []),
    ],
    verbs: { summary: VERBS.summary },
  };
}
