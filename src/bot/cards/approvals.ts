import type { ReclamationRequest } from '../../store';
import { holderText, licenseText, savingText, stateText, type RequestRef } from './approval';
import type { CardAction } from './card-parts';
import { ago, plain } from './format';
import { VERBS } from '../actions/verbs';

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
  /** Entra object id of the viewer: their undecided requests get a toggle each. */
  viewer?: string;
  /** Shown on top, e.g. the outcome of a batch decision. */
  notice?: string;
}

/** A request in the list: who and what, its state, and a line of detail. */
export interface ApprovalsRow {
  who: string;
  state: string;
  detail: string;
}

/** The data of `templates/approvals.json`. */
export interface ApprovalsCard {
  title: string;
  subtitle: string;
  notice: string;
  /** `pick` is the id of the row's toggle (`pick_<n>`), empty when the viewer cannot decide it. */
  pending: (ApprovalsRow & { pick: string })[];
  /** Approve / Reject the ticked rows; null when the viewer can decide none. */
  batch: { approve: CardAction<{ items: RequestRef[] }>; reject: CardAction<{ items: RequestRef[] }> } | null;
  recent: ApprovalsRow[];
  noPending: string;
  banner: string;
}

/** Where a pending request waits: for its holder (then the approver), or for its approver (with what the holder said). */
function waitsFor(r: ReclamationRequest, names: ReadonlyMap<string, string>): string {
  const name = plain(names.get(r.approverId) ?? r.approverId);
  const holder = holderText(r);
  if (r.state === 'asking') return `Waits for the license holder (${holder ?? 'to be asked'}), then approver ${name}`;
  return holder ? `Approver ${name} · holder: ${holder}` : `Approver ${name}`;
}

function row(r: ReclamationRequest, names: ReadonlyMap<string, string>, now: Date, pending: boolean): ApprovalsRow {
  return {
    who: `**${plain(r.userPrincipalName)}** · ${plain(licenseText(r))}`,
    state: stateText(r.state, r.toSkuId !== null),
    detail: pending
      ? `${waitsFor(r, names)} · requested ${ago(r.createdAt, now)} · ${savingText(r)}${r.dryRun ? ' · dry run' : ''}`
      : `${ago(r.updatedAt, now)}${r.outcome ? ` · ${plain(r.outcome)}` : ''}${r.dryRun ? ' · dry run' : ''}`,
  };
}

/** Data for `templates/approvals.json`: pending requests with their age, and the most recent outcomes. */
export function approvalsCardData(input: ApprovalsCardInput): ApprovalsCard {
  // Only requests still awaiting this viewer's decision can be picked; the server checks again.
  const decidable = input.pending.filter(
    (r) => r.state === 'requested' && !!input.viewer && r.approverId === input.viewer,
  );
  const items = decidable.map((r) => ({ requestId: r.id, version: r.version }));
  return {
    title: 'Approvals',
    subtitle: input.scope,
    notice: input.notice ?? '',
    pending: input.pending.map((r) => {
      const at = decidable.indexOf(r);
      return { ...row(r, input.names, input.now, true), pick: at >= 0 ? `pick_${at}` : '' };
    }),
    batch: items.length
      ? { approve: { verb: VERBS.batchApprove, data: { items } }, reject: { verb: VERBS.batchReject, data: { items } } }
      : null,
    recent: input.recent.map((r) => row(r, input.names, input.now, false)),
    noPending: input.pending.length ? '' : 'No request is waiting.',
    banner: input.banner,
  };
}
