import { sumByCurrency } from '../../insights';
import { holderCanBeAsked } from '../../reclamation/holder';
import { itemLicense, planItemKey, type Plan } from '../../reclamation/plan';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb } from './card-parts';
import { groupDigits, money, plain } from './format';

/**
 * What Confirm carries: which users (and SKU) to plan again on the server, and the keys of the
 * previewed items, so that only what the requester saw is created. Never the plan itself.
 */
export interface ReclaimTarget {
  upns: string[];
  sku?: string;
  /** Each user's downgrade (the list's suggestion) instead of removing their licenses. */
  downgrade?: true;
  /** Each user's idle Microsoft 365 Copilot seat only. */
  copilot?: true;
}

export interface PreviewCardInput {
  plans: readonly Plan[];
  target: ReclaimTarget;
  dryRun: boolean;
  banner: string;
  /** The license holders are asked first (policy `reclamation.askHolder`). */
  askHolder?: boolean;
}

/** Sums per currency, exact (the insights' decimal arithmetic, never floats). */
function totals(plans: readonly Plan[]): string {
  return money(
    sumByCurrency(plans.flatMap((p) => p.items.flatMap((item) => (item.monthlySaving ? [item.monthlySaving] : [])))),
  );
}

/** The data of `templates/reclaim-preview.json`. */
export interface PreviewCard {
  title: string;
  subtitle: string;
  dryRun: string;
  items: { name: string; upn: string; license: string; saving: string; approver: string }[];
  total: string;
  refusals: { text: string }[];
  banner: string;
  /** Null when nothing can be requested: the card offers Cancel only. */
  confirm: CardAction<ReclaimTarget & { previewed: string[] }> | null;
  cancel: CardVerb;
}

/** Data for `templates/reclaim-preview.json`: what will be asked, of whom, and what is refused and why. */
export function previewCardData(input: PreviewCardInput): PreviewCard {
  const items = input.plans.flatMap((p) => p.items);
  const refusals = input.plans.flatMap((p) =>
    p.refusals.map((r) => ({
      text: `**${plain(p.userPrincipalName)}**${r.skuName ? ` · ${plain(r.skuName)}` : ''}: ${plain(r.why)}`,
    })),
  );
  return {
    title: input.target.downgrade
      ? 'Downgrade licenses: preview'
      : input.target.copilot
        ? 'Reclaim idle Copilot seats: preview'
        : 'Reclaim licenses: preview',
    subtitle: items.length
      ? input.askHolder && items.some((i) => holderCanBeAsked(i))
        ? 'Nothing has been requested yet. Confirm to create the requests: each license holder is asked first, in a personal chat, to keep or release; then the approver.'
        : 'Nothing has been requested yet. Confirm to create the requests and send each approver an approval card.'
      : 'Nothing can be requested: see why below. Nothing was created.',
    dryRun: input.dryRun
      ? 'Dry run is on (policy): approved requests are checked and recorded, but no license is removed.'
      : '',
    items: items.map((i) => ({
      name: plain(i.displayName ?? i.userPrincipalName),
      upn: i.userPrincipalName,
      license: plain(itemLicense(i)),
      saving: i.monthlySaving
        ? `${groupDigits(i.monthlySaving.amount)} ${i.monthlySaving.currency} a month`
        : 'no cost known',
      approver: `${input.askHolder && holderCanBeAsked(i) ? `Asked first: ${plain(i.displayName ?? i.userPrincipalName)} (keep or release), then approver` : 'Approver:'} ${plain(i.approver.displayName ?? i.approver.id)} (${i.approver.source === 'manager' ? 'manager in Entra' : 'configured approver'})`,
    })),
    total: items.length ? `${items.length} request(s) · ${totals(input.plans)} a month` : '',
    refusals,
    banner: input.banner,
    confirm: items.length
      ? {
          verb: VERBS.reclaimConfirm,
          data: {
            upns: input.target.upns,
            ...(input.target.sku ? { sku: input.target.sku } : {}),
            ...(input.target.downgrade ? { downgrade: true } : {}),
            ...(input.target.copilot ? { copilot: true } : {}),
            previewed: items.map(planItemKey),
          },
        }
      : null,
    cancel: { verb: VERBS.reclaimCancel },
  };
}
