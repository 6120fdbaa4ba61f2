/**
 * Every Action.Execute verb, in one place: card data builders put these into the cards and the
 * handlers register under them, so a card and its handler cannot drift apart.
 */
export const VERBS = {
  /** Show the summary card (back from a list). */
  summary: 'summary.open',
  /** Show a page of a finding list (inactive / never / blocked); also the summary's list buttons. */
  findingsPage: 'findings.page',
  /** Show a page of the downgrade candidates. */
  downgradesPage: 'downgrades.page',
  /** The licenses and spend cards again, with or without the licenses not managed. */
  licensesOpen: 'licenses.open',
  spendOpen: 'spend.open',
  /** Show a page of the license differentiation (users by license type). */
  differentiationPage: 'differentiation.page',
  /** Show a page of the suspicious activities. */
  suspiciousPage: 'suspicious.page',
  /** The costs card; its edit form for one license (admins); save the form (admins, audited, refusals too). */
  costsOpen: 'costs.open',
  costsEdit: 'costs.edit',
  costsSave: 'costs.save',
  /** Preview a reclamation for some users (the list cards' per-row and per-page buttons). Admins only. */
  reclaimPreview: 'reclaim.preview',
  /** Confirm a preview: the server plans again and creates the requests. Admins only. */
  reclaimConfirm: 'reclaim.confirm',
  /** Cancel a preview: nothing is created. */
  reclaimCancel: 'reclaim.cancel',
  /** The approval card's buttons and its refresh; each carries `{ requestId, version }` only. */
  approve: 'approval.approve',
  reject: 'approval.reject',
  undo: 'approval.undo',
  retry: 'approval.retry',
  approvalRefresh: 'approval.refresh',
  /** The approvals card: decide the requests the approver ticked, several at once. */
  batchApprove: 'approval.batch-approve',
  batchReject: 'approval.batch-reject',
  /** The `copilot` card: a page of idle seats. */
  copilotPage: 'copilot.page',
  /** Ask for a Copilot seat (the person who clicks). */
  copilotRequest: 'copilot.request',
  /** The Copilot waitlist (admins), a page of it. */
  copilotWaitlist: 'copilot.waitlist',
  /** Preview assigning a free Copilot seat to someone waiting; Confirm assigns it; Undo gives it back. Admins only. */
  copilotAssignPreview: 'copilot.assign-preview',
  copilotAssign: 'copilot.assign',
  copilotUndo: 'copilot.undo',
  /** The license holder's card: Release, Keep (with the reason inputs) and its refresh; each carries `{ requestId, version }`. */
  holderRelease: 'holder.release',
  holderKeep: 'holder.keep',
  holderRefresh: 'holder.refresh',
  /** "Ask these users" on a finding list (admins): the preview, then Confirm or Cancel of the draft it recorded. */
  askPreview: 'ask.preview',
  askConfirm: 'ask.confirm',
  askCancel: 'ask.cancel',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (ALL_VERBS as readonly string[]).includes(value);
}
