import type { DifferentiationRow, SpendLine } from '../../insights';
import { VERBS } from '../actions/verbs';
import { markUnmanaged, unmanagedToggle, type UnmanagedToggle } from './card-parts';
import { count, money, percent } from './format';

export interface LicensesCardInput {
  lines: readonly SpendLine[];
  /** Show the SKUs not managed too, marked (the toggle's state). Default false. */
  showUnmanaged?: boolean;
  /** Per managed SKU: holders active per service (License Differentiation). */
  usage: readonly DifferentiationRow[];
  banner: string;
}

const FLAG_WORDS: Record<string, string> = {
  unmanaged: 'not managed: left out of every count',
  expired: 'entered cost expired: list price counts if there is one',
  'not-yet-effective': 'entered cost not yet in effect: list price counts if there is one',
  unpriced: 'no cost entered',
  'unknown-frequency': 'unknown payment frequency',
  'one-time-without-term': 'one-time cost without a term',
  'bad-amount': 'cost is not a number',
};

/** "Exchange 180 · Teams 170 · …" over 90 days, the most used first. */
function servicesText(row: DifferentiationRow | undefined): string {
  if (!row) return '';
  const used = row.services.filter((s) => s.active90 > 0).sort((a, b) => b.active90 - a.active90);
  if (!used.length) return `No holder used any service in 90 days.`;
  const head = used
    .slice(0, 5)
    .map((s) => `${s.label.replace('Microsoft ', '')} ${count(s.active90)}`)
    .join(' · ');
  return `Used in 90 days: ${head}${used.length > 5 ? ' …' : ''}${row.idle90 ? ` · ${count(row.idle90)} used nothing` : ''}`;
}

/** SKUs shown: a tenant can subscribe to dozens, and each row costs about 1 KB of the 28 KB card. */
export const MAX_LICENSE_ROWS = 20;

/** One SKU of `templates/licenses.json`. */
export interface LicenseRow {
  name: string;
  part: string;
  seats: string;
  utilisation: string;
  color: string;
  cost: string;
  services: string;
  flags: string;
}

/** The data of `templates/licenses.json`. */
export interface LicensesCard extends UnmanagedToggle {
  title: string;
  subtitle: string;
  banner: string;
  rows: LicenseRow[];
  more: string;
  empty: string;
}

/** Data for `templates/licenses.json`: per SKU seats, utilisation, cost and the services its holders use. */
export function licensesCardData(input: LicensesCardInput): LicensesCard {
  const usage = new Map(input.usage.map((u) => [u.skuId, u]));
  // Managed first, then by seats assigned: the licenses that matter most survive the cut.
  const shown = input.showUnmanaged ? input.lines : input.lines.filter((l) => l.managed);
  const ordered = [...shown].sort(
    (a, b) =>
      Number(b.managed) - Number(a.managed) ||
      b.consumedUnits - a.consumedUnits ||
      a.friendlyName.localeCompare(b.friendlyName),
  );
  const rows = ordered.slice(0, MAX_LICENSE_ROWS).map((l): LicenseRow => {
    const available = l.prepaidUnits - l.consumedUnits;
    const utilisation = l.prepaidUnits > 0 ? l.consumedUnits / l.prepaidUnits : 0;
    return {
      name: markUnmanaged(l.friendlyName, l.managed),
      part: l.skuPartNumber,
      seats: `Purchased ${count(l.prepaidUnits)} · assigned ${count(l.consumedUnits)} · available ${count(available)}`,
      utilisation: percent(l.consumedUnits, l.prepaidUnits),
      color: l.prepaidUnits === 0 ? 'Default' : utilisation < 0.8 ? 'Warning' : 'Good',
      cost: l.monthlyPerLicense
        ? `${money(l.monthlyPerLicense)} per license a month${l.monthlyPerLicense.source === 'list-price' ? ' (list price)' : ''}${l.monthlyTotal ? ` · ${money(l.monthlyTotal)} a month in all` : ''}`
        : 'No cost in force',
      services: servicesText(usage.get(l.skuId)),
      flags: l.flags.map((f) => FLAG_WORDS[f] ?? f).join(' · '),
    };
  });
  const unmanaged = input.lines.filter((l) => !l.managed).length;
  const hidden = shown.length - rows.length;
  return {
    title: 'Licenses',
    subtitle: `${input.lines.length} subscribed SKUs${unmanaged ? `, ${unmanaged} not managed${input.showUnmanaged ? ' (shown, marked)' : ' (not shown)'}` : ''}. Utilisation = assigned / purchased.`,
    ...unmanagedToggle(VERBS.licensesOpen, unmanaged, input.showUnmanaged ?? false),
    banner: input.banner,
    rows,
    more: hidden > 0 ? `${hidden} more SKU(s) with fewer seats assigned are not shown.` : '',
    empty: rows.length ? '' : 'No subscribed SKUs yet: the License Information task has not run (`runs`).',
  };
}
