import type { DowngradePage, OverlapPage } from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb, Fact, ListCardTop } from './card-parts';
import type { ReclaimTarget } from './reclaim-preview';
import { count, money, plain } from './format';

export interface DowngradesCardInput {
  page: DowngradePage;
  /** The viewer is an admin: each row offers "Request downgrade". */
  request?: boolean;
  /** Users holding a license another of theirs already includes (e.g. E3 next to E5), by pair. */
  overlaps?: Pick<OverlapPage, 'total' | 'groups'>;
  banner: string;
  notice?: string;
}

/** One candidate: the move, what they use and would lose, the saving, and "Request downgrade" (null: not offered). */
export interface DowngradeRow {
  name: string;
  upn: string;
  move: string;
  used: string;
  lost: string;
  saving: string;
  note: string;
  request: CardAction<ReclaimTarget> | null;
}

/** The data of `templates/downgrades.json`. */
export interface DowngradesCard extends ListCardTop {
  /** Per (from → to): users and saving. */
  groups: Fact[];
  rows: DowngradeRow[];
  overlapTitle: string;
  overlaps: Fact[];
  previous: CardAction<{ page: number }> | null;
  next: CardAction<{ page: number }> | null;
  summary: CardVerb;
}

/** Data for `templates/downgrades.json`: who could move to a cheaper owned license, what it saves, what they would lose. */
export function downgradesCardData(input: DowngradesCardInput): DowngradesCard {
  const p = input.page;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return {
    title: 'Downgrade opportunities',
    subtitle: 'Users whose services of the last 90 days a cheaper license you own covers.',
    status: p.total ? `${count(p.total)} ${p.total === 1 ? 'user' : 'users'} · page ${p.page} of ${pages}` : '',
    banner: input.banner,
    notice: input.notice ?? '',
    empty: p.total ? '' : 'None: nobody holds a license whose used services a cheaper owned one covers.',
    groups: p.groups.slice(0, 6).map((g) => ({
      title: `${g.from} → ${g.to}`,
      value: `${count(g.users)} ${g.users === 1 ? 'user' : 'users'} · ${money(g.monthlySaving)} a month`,
    })),
    rows: p.items.map((d) => ({
      name: plain(d.displayName ?? d.userPrincipalName),
      upn: d.userPrincipalName,
      move: `${d.from.friendlyName} → ${d.to.friendlyName} (${count(d.to.availableSeats)} seats free)`,
      used: d.usedServices.length ? `Uses ${d.usedServices.join(', ')}` : 'Uses none of the services',
      lost: d.lostPlans.length
        ? `Would lose ${d.lostPlans.slice(0, 4).join(', ')}${d.lostPlans.length > 4 ? ` and ${d.lostPlans.length - 4} more` : ''}`
        : '',
      saving: money(d.monthlySaving),
      note: d.reclaimable
        ? d.to.availableSeats > 0
          ? ''
          : `No ${d.to.friendlyName} seat is free.`
        : 'Assigned by a group: change the group, not the user.',
      request:
        input.request && d.reclaimable && d.to.availableSeats > 0
          ? { verb: VERBS.reclaimPreview, data: { upns: [d.userPrincipalName], downgrade: true } }
          : null,
    })),
    overlapTitle: input.overlaps?.total
      ? `Overlapping licenses: ${count(input.overlaps.total)} ${input.overlaps.total === 1 ? 'user holds' : 'users hold'} a license another of theirs already includes`
      : '',
    overlaps: (input.overlaps?.groups ?? []).slice(0, 6).map((g) => ({
      title: `${g.redundant} inside ${g.coveredBy}`,
      value: `${count(g.users)} ${g.users === 1 ? 'user' : 'users'} · ${g.monthlySaving ? `${money(g.monthlySaving)} a month` : 'no cost known'}`,
    })),
    previous: p.page > 1 ? { verb: VERBS.downgradesPage, data: { page: Math.min(p.page - 1, pages) } } : null,
    next: p.page < pages ? { verb: VERBS.downgradesPage, data: { page: p.page + 1 } } : null,
    summary: { verb: VERBS.summary },
  };
}
