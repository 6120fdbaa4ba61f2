import type { SuspiciousPage } from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardAction, Fact, ListCardTop } from './card-parts';
import { count, day, instant } from './format';

/** The data of `templates/suspicious.json`. */
export interface SuspiciousCard extends ListCardTop {
  /** Rows per report. */
  reports: Fact[];
  fix: string;
  rows: { name: string; report: string; seen: string }[];
  previous: CardAction<{ page: number }> | null;
  next: CardAction<{ page: number }> | null;
}

/** Data for `templates/suspicious.json`: report rows with concealed names, per report, and how to stop concealment. */
export function suspiciousCardData(input: { page: SuspiciousPage; notice?: string; banner: string }): SuspiciousCard {
  const p = input.page;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const at = (page: number) => ({ verb: VERBS.suspiciousPage, data: { page } });
  return {
    title: 'Suspicious activities',
    subtitle:
      'Usage-report rows whose user name Microsoft conceals: they match no user, so their activity counts for nobody.',
    status: p.total ? `${count(p.total)} report ${p.total === 1 ? 'row' : 'rows'} · page ${p.page} of ${pages}` : '',
    banner: input.banner,
    notice: input.notice ?? '',
    empty: p.total ? '' : 'None: every report row was matched to a user.',
    reports: p.byReport.map((r) => ({
      title: r.label,
      value: `${count(r.rows)} ${r.rows === 1 ? 'row' : 'rows'}, last seen ${instant(r.lastSeenAt)}`,
    })),
    fix: p.total ? `To match them to users: ${p.fix} The next sync reads the names.` : '',
    rows: p.items.map((s) => ({
      name: s.concealedName,
      report: `${s.reportLabel} · report of ${day(s.reportRefreshDate)}${s.lastActivityDate ? ` · last activity ${day(s.lastActivityDate)}` : ''}`,
      seen: `First seen ${instant(s.firstSeenAt)}, last seen ${instant(s.lastSeenAt)}`,
    })),
    previous: p.page > 1 ? at(Math.min(p.page - 1, pages)) : null,
    next: p.page < pages ? at(p.page + 1) : null,
  };
}
