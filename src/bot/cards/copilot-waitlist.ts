import type { CopilotWaitlistEntry } from '../../store';
import { VERBS } from '../actions/verbs';
import type { CardAction, ListCardTop, TitledAction } from './card-parts';
import type { CopilotPageData } from './copilot';
import { count, day, plain, plural } from './format';

export interface CopilotWaitlistInput {
  items: { entry: CopilotWaitlistEntry; position: number }[];
  total: number;
  page: number;
  pageSize: number;
  /** Seats free as the store knows them. */
  free: number;
  banner: string;
  /** E.g. that the list shrank since the card was sent. */
  notice?: string;
}

/** The data of `templates/copilot-waitlist.json`. */
export interface CopilotWaitlistCard extends ListCardTop {
  rows: {
    place: string;
    name: string;
    upn: string;
    detail: string;
    assign: TitledAction<{ entryId: string }> | null;
  }[];
  previous: CardAction<CopilotPageData> | null;
  next: CardAction<CopilotPageData> | null;
  copilot: CardAction<CopilotPageData>;
}

/**
 * Data for `templates/copilot-waitlist.json` (admins): the people waiting for a Copilot seat, first
 * come first served; while seats are free, the first in line get an Assign button each.
 */
export function copilotWaitlistCardData(i: CopilotWaitlistInput): CopilotWaitlistCard {
  const pages = Math.max(1, Math.ceil(i.total / i.pageSize));
  return {
    title: 'Copilot waitlist',
    subtitle: `First come, first served. ${i.free ? `${plural(i.free, 'seat')} free as of the last sync.` : 'No seat is free: reclaiming an idle one frees one.'}`,
    status: i.total ? `${plural(i.total, 'person', 'people')} waiting · page ${i.page} of ${pages}` : '',
    banner: i.banner,
    notice: i.notice ?? '',
    empty: i.total ? '' : 'Nobody is waiting for a Copilot seat. Anyone can ask with `copilot request` and a reason.',
    rows: i.items.map(({ entry: e, position }) => ({
      place: count(position),
      name: plain(e.displayName ?? e.userPrincipalName),
      upn: e.userPrincipalName,
      detail: `Asked ${day(e.requestedAt)}${e.reason ? ` · "${plain(e.reason)}"` : ''}${e.proposedAt ? ` · proposed ${day(e.proposedAt)}` : ''}`,
      assign:
        position <= i.free
          ? { title: 'Assign a seat', verb: VERBS.copilotAssignPreview, data: { entryId: e.id } }
          : null,
    })),
    previous: i.page > 1 ? { verb: VERBS.copilotWaitlist, data: { page: Math.min(i.page - 1, pages) } } : null,
    next: i.page < pages ? { verb: VERBS.copilotWaitlist, data: { page: i.page + 1 } } : null,
    copilot: { verb: VERBS.copilotPage, data: { page: 1 } },
  };
}
