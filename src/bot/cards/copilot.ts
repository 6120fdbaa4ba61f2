import type { CopilotOverview, CopilotSeat, CopilotSeatPage } from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb, Fact, TitledAction } from './card-parts';
import { count, day, money, percent, plain, plural } from './format';
import type { ReclaimTarget } from './reclaim-preview';

/** What the `copilot` card's buttons carry back: validated by actions/copilot.ts. */
export interface CopilotPageData {
  page: number;
}

/** The waitlist as the viewer may see it: admins the first in line, others their own place. */
export interface CopilotWaitlistView {
  total: number;
  /** Admins only: the first few in line. */
  first: { name: string; upn: string; requestedAt: string; reason: string | null; entryId: string }[];
  /** The viewer's own place, when waiting. */
  mine: number | null;
  /** The viewer holds a Copilot seat (no Request button). */
  holder: boolean;
}

export interface CopilotCardInput {
  overview: CopilotOverview;
  page: CopilotSeatPage;
  waitlist: CopilotWaitlistView;
  /** The viewer is an admin: Request reclamation, the waitlist, Assign. */
  admin: boolean;
  now: Date;
  banner: string;
  notice?: string;
}

export interface CopilotRow {
  name: string;
  upn: string;
  evidence: string;
  cost: string;
  per: string;
  note: string;
  reclaim: CardAction<ReclaimTarget> | null;
}

/** The data of `templates/copilot.json`. */
export interface CopilotCard {
  title: string;
  subtitle: string;
  banner: string;
  notice: string;
  seats: Fact[];
  apps: Fact[];
  idleTitle: string;
  empty: string;
  rows: CopilotRow[];
  waitlist: string;
  waiting: Fact[];
  notes: string[];
  listPrice: string;
  assignNext: TitledAction<{ entryId: string }> | null;
  request: CardVerb | null;
  reclaimPage: CardAction<ReclaimTarget> | null;
  previous: CardAction<CopilotPageData> | null;
  next: CardAction<CopilotPageData> | null;
  waitlistAction: CardAction<CopilotPageData> | null;
  summary: CardVerb;
}

/** The summary's and the digest's Copilot line: idle seats of the assigned, what they cost a month, who waits. */
export function copilotLine(o: CopilotOverview): Fact {
  const waiting = o.waiting ? ` · ${plural(o.waiting, 'person', 'people')} waiting` : '';
  const cost = o.monthlyAtStake.length ? ` · ${money(o.monthlyAtStake)} a month` : '';
  return {
    title: 'Microsoft 365 Copilot',
    value: `${count(o.idle.flagged)} of ${plural(o.holders, 'seat')} idle${cost} · ${count(o.active30)} active in 30 days${waiting}`,
  };
}

/** The evidence of one seat: how long idle, and the last Copilot use per app. */
export function seatEvidence(s: CopilotSeat): string {
  const used = s.apps.filter((a) => a.date);
  const apps = used.length
    ? ` · ${used
        .slice(0, 4)
        .map((a) => `${a.label} ${a.date}`)
        .join(', ')}${used.length > 4 ? ', …' : ''}`
    : '';
  const since =
    s.state === 'never'
      ? `No Copilot use since the assignment${s.assignedAt ? ` on ${day(s.assignedAt)}` : ' (date unknown)'}${s.lastUse ? ` (last use before it: ${s.lastUse})` : ''}`
      : `Last Copilot use ${day(s.lastUse)}`;
  return `${s.daysIdle === null ? 'Idle' : `${plural(s.daysIdle, 'day')} idle`} · ${since}${s.state === 'never' ? '' : apps}`;
}

/** Data for `templates/copilot.json`: seats and adoption, the idle seats (paged, most idle first), the waitlist. */
export function copilotCardData(input: CopilotCardInput): CopilotCard {
  const { overview: o, page: p, waitlist: w } = input;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const canReclaim = (s: CopilotSeat) => input.admin && s.reclaimable;
  const reclaimable = p.items.filter(canReclaim).map((s) => s.userPrincipalName);
  const noSeats = o.skus.length === 0;
  const perSeat = o.skus.find((s) => s.monthlyCost)?.monthlyCost;
  return {
    title: 'Microsoft 365 Copilot',
    subtitle: noSeats
      ? 'The tenant has no managed Microsoft 365 Copilot license.'
      : `Copilot usage report as of ${day(o.asOf, 'never read')} · ${plural(o.holders, 'holder')}`,
    banner: input.banner,
    notice: input.notice ?? '',
    seats: noSeats
      ? []
      : [
          {
            title: 'Seats',
            value: `${count(o.purchased)} purchased · ${count(o.assigned)} assigned · ${count(o.free)} free`,
          },
          {
            title: 'Active',
            value: `${count(o.active7)} in 7 days (${percent(o.active7, o.holders)}) · ${count(o.active30)} in 30 days (${percent(o.active30, o.holders)})`,
          },
          {
            title: 'Idle seats',
            value: `${count(o.idle.flagged)}${o.idle.excluded ? ` (and ${count(o.idle.excluded)} held back by policy)` : ''}`,
          },
          {
            title: 'Money at stake',
            value: o.monthlyAtStake.length
              ? `${money(o.monthlyAtStake)} a month${perSeat ? ` (${money(perSeat)} a seat)` : ''}`
              : 'nothing priced',
          },
        ],
    apps: noSeats
      ? []
      : o.apps.map((a) => ({
          title: a.label,
          value: `${count(a.active30)} active in 30 days (${percent(a.active30, o.holders)})`,
        })),
    idleTitle: p.total ? `Idle seats · ${count(p.total)} · page ${p.page} of ${pages} · most idle first` : '',
    empty: noSeats ? '' : p.total ? '' : 'No idle seat: every holder used Copilot recently, or is in the grace period.',
    rows: p.items.map((s) => ({
      name: plain(s.displayName ?? s.userPrincipalName),
      upn: s.userPrincipalName,
      evidence: seatEvidence(s),
      cost: money(s.monthlyCost),
      per: s.monthlyCost ? 'a month' : '',
      note: s.reclaimable
        ? s.accountEnabled
          ? ''
          : 'Sign-in blocked.'
        : 'Group-assigned: change the group, not the user.',
      reclaim: canReclaim(s)
        ? { verb: VERBS.reclaimPreview, data: { upns: [s.userPrincipalName], copilot: true } }
        : null,
    })),
    waitlist:
      w.mine !== null
        ? `You are number ${w.mine} of ${count(w.total)} on the waitlist.`
        : w.total
          ? `${plural(w.total, 'person', 'people')} on the waitlist.`
          : 'Nobody is on the waitlist.',
    waiting: input.admin
      ? w.first.map((e, i) => ({
          title: `${i + 1}. ${plain(e.name)}`,
          value: `${e.upn} · asked ${day(e.requestedAt)}${e.reason ? ` · "${plain(e.reason)}"` : ''}`,
        }))
      : [],
    notes: [
      ...new Set([...o.confidence.notes, ...p.items.flatMap((s) => s.confidence.notes)].map((n) => n.text)),
    ].slice(0, 2),
    listPrice: o.listPrice
      ? 'Costs include Microsoft list prices where no cost of your own is entered; `spend` shows which.'
      : '',
    assignNext:
      input.admin && o.free > 0 && w.first[0]
        ? {
            title: `Assign a free seat to ${w.first[0].name}`,
            verb: VERBS.copilotAssignPreview,
            data: { entryId: w.first[0].entryId },
          }
        : null,
    request: !w.holder && w.mine === null && !noSeats ? { verb: VERBS.copilotRequest } : null,
    reclaimPage:
      reclaimable.length > 1 ? { verb: VERBS.reclaimPreview, data: { upns: reclaimable, copilot: true } } : null,
    previous: p.page > 1 ? { verb: VERBS.copilotPage, data: { page: Math.min(p.page - 1, pages) } } : null,
    next: p.page < pages ? { verb: VERBS.copilotPage, data: { page: p.page + 1 } } : null,
    waitlistAction: input.admin && w.total ? { verb: VERBS.copilotWaitlist, data: { page: 1 } } : null,
    summary: { verb: VERBS.summary },
  };
}
