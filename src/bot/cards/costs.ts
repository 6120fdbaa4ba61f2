import type { SkuCost } from '../../insights';
import { VERBS } from '../actions/verbs';
import type { CardVerb, TitledAction } from './card-parts';
import { day, money } from './format';

/** Rows shown: a tenant manages a few dozen SKUs at most, each row about 0.7 KB of the 28 KB card. */
export const MAX_COST_ROWS = 25;

export interface CostsCardInput {
  costs: readonly SkuCost[];
  /** Admins see an Edit button per license (checked again on the server). */
  canEdit: boolean;
  /** E.g. what was just saved. */
  notice?: string;
  banner: string;
}

export interface CostRow {
  name: string;
  part: string;
  perMonth: string;
  source: string;
  entered: string;
  flags: string;
  edit: TitledAction<{ skuId: string }>;
}

/** The data of `templates/costs.json`. */
export interface CostsCard {
  title: string;
  subtitle: string;
  banner: string;
  notice: string;
  canEdit: boolean;
  rows: CostRow[];
  more: string;
  empty: string;
  footer: string;
}

const FLAG_WORDS: Record<string, string> = {
  expired: 'the entered cost expired: the list price counts until a new one is entered',
  'not-yet-effective': 'the entered cost starts later: the list price counts until then',
  unpriced: 'no cost known: not counted',
  'one-time-without-term': 'a one-time cost needs its months or dates',
};

/** "432 USD annual, 2025-01-01 to 2025-12-31 (in force)". */
export function enteredText(e: SkuCost['entered'][number]): string {
  const term = e.months ? ` over ${e.months} months` : '';
  const dates = e.effective || e.expires ? `, ${day(e.effective, '…')} to ${day(e.expires, 'open end')}` : '';
  return `${money({ amount: e.cost, currency: e.currency })} ${e.frequency}${term}${dates} (${e.status})`;
}

/** Data for `templates/costs.json`: per managed license its monthly cost, entered or list price, and what was entered. */
export function costsCardData(input: CostsCardInput): CostsCard {
  const managed = input.costs.filter((c) => c.managed);
  const rows = managed.slice(0, MAX_COST_ROWS).map((c): CostRow => ({
    name: c.friendlyName,
    part: c.skuPartNumber,
    perMonth: c.monthly ? `${money(c.monthly)} per license a month` : 'No cost in force',
    source:
      c.source === 'entered' ? 'Entered cost' : c.source === 'list-price' ? 'Microsoft list price' : 'No cost known',
    entered: c.entered.length ? c.entered.map(enteredText).join(' · ') : 'Nothing entered yet.',
    flags: c.flags.map((f) => FLAG_WORDS[f] ?? f).join(' · '),
    edit: { title: 'Enter cost', verb: VERBS.costsEdit, data: { skuId: c.skuId } },
  }));
  return {
    title: 'License costs',
    subtitle:
      "What spend, waste and savings count per license, converted to a month by its payment frequency: the cost entered for it, else Microsoft's list price.",
    banner: input.banner,
    notice: input.notice ?? '',
    canEdit: input.canEdit,
    rows,
    more:
      managed.length > rows.length
        ? `${managed.length - rows.length} more managed license(s) are not shown: \`npm run costs -- list\` lists every one.`
        : '',
    empty: rows.length
      ? ''
      : 'No managed licenses yet: the License Information task has not run, or none is selected (`policy`).',
    footer: input.canEdit
      ? 'A cost with a later effective date is a renewal: the earlier one stays for its period, and savings already made keep the cost they were made at. Every change is audited. Many at once: `npm run costs -- import <file.csv>`.'
      : 'Admins enter costs here or with `npm run costs`.',
  };
}

/** The back button of the form. */
export const COSTS_OPEN: CardVerb = { verb: VERBS.costsOpen };

export interface CostFormInput {
  sku: Pick<SkuCost, 'skuId' | 'skuPartNumber' | 'friendlyName' | 'monthly' | 'source'>;
  currencies: readonly string[];
  /** The currency and frequency to preselect (what was typed, after a refusal). */
  currency?: string;
  frequency?: string;
  /** Why the last try was refused, each field named. */
  error?: string;
  banner: string;
}

/** The data of `templates/cost-form.json`. */
export interface CostFormCard {
  title: string;
  subtitle: string;
  banner: string;
  current: string;
  error: string;
  currency: string;
  currencies: string[];
  frequency: string;
  frequencies: { title: string; value: string }[];
  help: string;
  save: { verb: typeof VERBS.costsSave; data: { skuId: string } };
  back: CardVerb;
}

const FREQUENCY_TITLES: Record<string, string> = {
  monthly: 'Monthly',
  annual: 'Annual',
  'multi-year': 'Multi-year (give the months)',
  'one-time': 'One-time (give the months or both dates)',
};

/** Data for `templates/cost-form.json`: one license's cost details (docs/product-rules.md R16) as Adaptive Card inputs. */
export function costFormCardData(input: CostFormInput): CostFormCard {
  const { sku } = input;
  return {
    title: `Cost of ${sku.friendlyName}`,
    subtitle: sku.skuPartNumber,
    banner: input.banner,
    current: sku.monthly
      ? `In force now: ${money(sku.monthly)} per license a month (${sku.source === 'entered' ? 'entered' : 'Microsoft list price'}).`
      : 'No cost in force now.',
    error: input.error ? `Not saved: ${input.error}` : '',
    currency: input.currency ?? sku.monthly?.currency ?? 'USD',
    currencies: [...input.currencies],
    frequency: input.frequency ?? 'annual',
    frequencies: Object.entries(FREQUENCY_TITLES).map(([value, title]) => ({ title, value })),
    help: 'Without an effective date the cost counts from today; with a later one it is a renewal. An expired cost gives way to the next one, else to the list price.',
    save: { verb: VERBS.costsSave, data: { skuId: sku.skuId } },
    back: COSTS_OPEN,
  };
}
