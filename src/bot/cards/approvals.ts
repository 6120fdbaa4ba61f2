import type { ReclamationRequest } from '../../store';
import { stateText, savingText } from './approval';
import { ago, plain } from './format';

export interface ApprovalsCardInput {
  /** Requested, approved, executing or failed: oldest first. */
  pending: readonly ReclamationRequest[];
  /** Decided or finished, newest first. */
  recent: readonly ReclamationRequest[];
  /** Display names by Entra object id (approvers, requesters). */
  names: ReadonlyMap<string, string>;
  /** Shown when the viewer sees only requests they requested or approve. */
  scope: string;
  now: Date;
  banner: string;
}

function row(r: ReclamationRequest, names: ReadonlyMap<string, string>, now: Date, pending: boolean) {
  const sku = typeof r.evidence['skuName'] === 'string' ? r.evidence['skuName'] : r.skuId;
  return {
    who: `**${plain(r.userPrincipalName)}** · ${plain(sku)}`,
    state: stateText(r.state),
    detail: pending
      ? `Approver ${plain(names.get(r.approverId) ?? r.approverId)} · requested ${ago(r.createdAt, now)} · ${savingText(r)}${r.dryRun ? ' · dry run' : ''}`
      : `${ago(r.updatedAt, now)}${r.outcome ? ` · ${plain(r.outcome)}` : ''}${r.dryRun ? ' · dry run' : ''}`,
  };
}

/** Data for `templates/approvals.json`: pending requests with their age, and the most recent outcomes. */
export function approvalsCardData(input: ApprovalsCardInput) {
  return {
    title: 'Approvals',
    subtitle: input.scope,
    pending: input.pending.map((r) => row(r, input.names, input.now, true)),
    recent: input.recent.map((r) => row(r, input.names, input.now, false)),
    noPending: input.pending.length ? '' : 'No request is waiting.',
    banner: input.banner,
  };
}
