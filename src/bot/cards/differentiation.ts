import type { DifferentiationUserPage, DifferentiationUserRow } from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb, ListCardTop } from './card-parts';
import { count, plain } from './format';

/** What the page buttons carry: the license type (part number) filtered on, if any, and the page. */
export interface DifferentiationPageData {
  sku?: string;
  page: number;
}

/** One user and license: the applications used in the last 90 days, newest first, and those not used. */
export interface DifferentiationCardRow {
  user: string;
  license: string;
  last: string;
  used: string;
  unused: string;
}

/** The data of `templates/differentiation.json`. */
export interface DifferentiationCard extends ListCardTop {
  /** The license types there are, to filter with `differentiation <SKU>`. */
  types: string;
  rows: DifferentiationCardRow[];
  previous: CardAction<DifferentiationPageData> | null;
  next: CardAction<DifferentiationPageData> | null;
  exportUrl: string;
  summary: CardVerb;
}

const days = (n: number | null) =>
  n === null ? '' : n === 0 ? 'today' : n === 1 ? '1 day ago' : `${count(n)} days ago`;

function rowOf(r: DifferentiationUserRow): DifferentiationCardRow {
  const used = r.apps.filter((a) => a.date).sort((a, b) => (a.daysSince ?? 0) - (b.daysSince ?? 0));
  const unused = r.apps.filter((a) => !a.date);
  return {
    user: plain(r.displayName ? `${r.displayName} (${r.userPrincipalName})` : r.userPrincipalName),
    license: `${r.friendlyName} · ${r.assignment}`,
    last: r.lastActivity
      ? `Last activity ${days(r.lastActivity.daysSince)}`
      : 'No activity in any application in 90 days',
    used: used.length ? used.map((a) => `${a.label.replace('Microsoft ', '')} ${days(a.daysSince)}`).join(' · ') : '',
    unused: unused.length
      ? `Not used in 90 days: ${unused.map((a) => a.label.replace('Microsoft ', '')).join(', ')}`
      : '',
  };
}

export interface DifferentiationCardInput {
  page: DifferentiationUserPage;
  /** The part number filtered on, as asked. */
  sku?: string;
  exportUrl: string | null;
  notice?: string;
  banner: string;
}

/** Data for `templates/differentiation.json`: users by license type with each application's last activity, paged, with an export. */
export function differentiationCardData(input: DifferentiationCardInput): DifferentiationCard {
  const p = input.page;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const at = (page: number): CardAction<DifferentiationPageData> => ({
    verb: VERBS.differentiationPage,
    data: { ...(input.sku ? { sku: input.sku } : {}), page },
  });
  const only = input.sku ? p.skus[0] : undefined;
  return {
    title: only ? `License differentiation: ${only.friendlyName}` : 'License differentiation',
    subtitle:
      'Users by license type, with the last activity of each of the 11 applications in the last 90 days (Visio: its last activation).',
    status: p.total
      ? `${count(p.total)} ${p.total === 1 ? 'user and license' : 'users and licenses'} · page ${p.page} of ${pages}`
      : '',
    banner: input.banner,
    notice: input.notice ?? '',
    empty: p.total ? '' : 'Nobody holds a managed license yet: the integration tasks have not run (`runs`).',
    types: only
      ? 'Send `differentiation` for every license type.'
      : `Filter by license type: \`differentiation <SKU>\`, one of ${p.skus.map((s) => s.skuPartNumber).join(', ')}.`,
    rows: p.items.map(rowOf),
    previous: p.page > 1 ? at(Math.min(p.page - 1, pages)) : null,
    next: p.page < pages ? at(p.page + 1) : null,
    exportUrl: input.exportUrl ?? '',
    summary: { verb: VERBS.summary },
  };
}
