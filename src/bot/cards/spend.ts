import type { SpendSummary } from '../../insights';
import { VERBS } from '../actions/verbs';
import { markUnmanaged, unmanagedToggle, type UnmanagedToggle } from './card-parts';
import { count, day, money } from './format';

const FLAG_WORDS: Record<string, string> = {
  unmanaged: 'not managed: not counted',
  expired: 'entered cost expired: list price counts if there is one',
  'not-yet-effective': 'entered cost not yet in effect: list price counts if there is one',
  unpriced: 'no cost entered: not counted',
  'unknown-frequency': 'unknown payment frequency: not counted',
  'one-time-without-term': 'one-time cost without a term: not counted',
  'bad-amount': 'cost is not a number: not counted',
};

/** Lines shown: each costs about 0.8 KB of the 28 KB card; the total covers every line. */
export const MAX_SPEND_ROWS = 20;

/** The data of `templates/spend.json`. */
export interface SpendCard extends UnmanagedToggle {
  title: string;
  subtitle: string;
  banner: string;
  total: string;
  more: string;
  /** Per license: its monthly total, the arithmetic, where the cost comes from, what is not counted. */
  rows: { name: string; total: string; math: string; source: string; flags: string }[];
  listPrice: string;
}

/** Data for `templates/spend.json`: monthly spend per license and in total, per currency. */
export function spendCardData(input: { spend: SpendSummary; banner: string; showUnmanaged?: boolean }): SpendCard {
  const s = input.spend;
  const unmanaged = s.lines.filter((l) => !l.managed).length;
  const lines = s.lines
    .filter((l) => l.managed || input.showUnmanaged)
    .sort(
      (a, b) =>
        Number(b.monthlyTotal?.amount ?? -1) - Number(a.monthlyTotal?.amount ?? -1) ||
        a.friendlyName.localeCompare(b.friendlyName),
    );
  return {
    title: 'License spend',
    subtitle:
      'Cost per license normalised to a month, times the licenses assigned. Currencies are never added together.',
    banner: input.banner,
    ...unmanagedToggle(VERBS.spendOpen, unmanaged, input.showUnmanaged ?? false),
    total: money(s.totals, 'nothing priced'),
    more:
      lines.length > MAX_SPEND_ROWS
        ? `${lines.length - MAX_SPEND_ROWS} smaller line(s) are not shown; the total includes them.`
        : '',
    rows: lines.slice(0, MAX_SPEND_ROWS).map((l) => ({
      name: markUnmanaged(l.friendlyName, l.managed),
      total: l.monthlyTotal ? money(l.monthlyTotal) : '—',
      math: l.monthlyPerLicense
        ? `${money(l.monthlyPerLicense)} × ${count(l.consumedUnits)} assigned`
        : `${count(l.consumedUnits)} assigned`,
      source: l.cost
        ? `${l.cost.source === 'list-price' ? 'Microsoft list price' : 'Entered cost'}: ${money({ currency: l.cost.currency, amount: l.cost.amount })} ${l.cost.paymentFrequency}${l.cost.effectiveDate || l.cost.expirationDate ? `, ${day(l.cost.effectiveDate, '…')} to ${day(l.cost.expirationDate, 'open end')}` : ''}`
        : 'No cost known',
      flags: l.flags.map((f) => FLAG_WORDS[f] ?? f).join(' · '),
    })),
    listPrice: s.listPrice
      ? 'Lines marked "Microsoft list price" use the public price until your own License Details (cost, currency, payment frequency, dates) are entered.'
      : '',
  };
}
