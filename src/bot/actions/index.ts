import type { CardAction } from './action';
import { approvalRefreshAction, approveAction, rejectAction, retryAction, undoAction } from './approval';
import { batchApproveAction, batchRejectAction } from './approval-batch';
import { askCancelAction, askConfirmAction, askPreviewAction } from './bulk-ask';
import {
  copilotAssignAction,
  copilotAssignPreviewAction,
  copilotPageAction,
  copilotRequestAction,
  copilotUndoAction,
  copilotWaitlistAction,
} from './copilot';
import { costsEditAction, costsOpenAction, costsSaveAction } from './costs';
import { differentiationPageAction } from './differentiation-page';
import { downgradesPageAction } from './downgrades-page';
import { findingsPageAction } from './findings-page';
import { holderKeepAction, holderRefreshAction, holderReleaseAction } from './holder';
import { reclaimCancelAction, reclaimConfirmAction, reclaimPreviewAction } from './reclaim';
import { summaryOpenAction } from './summary-open';
import { suspiciousPageAction } from './suspicious-page';
import { licensesOpenAction, spendOpenAction } from './unmanaged-toggle';

/** Every Action.Execute handler; each verb comes from VERBS. */
export const ACTIONS: readonly CardAction[] = [
  summaryOpenAction,
  findingsPageAction,
  downgradesPageAction,
  differentiationPageAction,
  suspiciousPageAction,
  licensesOpenAction,
  spendOpenAction,
  costsOpenAction,
  costsEditAction,
  costsSaveAction,
  reclaimPreviewAction,
  reclaimConfirmAction,
  reclaimCancelAction,
  approveAction,
  rejectAction,
  approvalRefreshAction,
  undoAction,
  retryAction,
  batchApproveAction,
  batchRejectAction,
  copilotPageAction,
  copilotRequestAction,
  copilotWaitlistAction,
  copilotAssignPreviewAction,
  copilotAssignAction,
  copilotUndoAction,
  holderReleaseAction,
  holderKeepAction,
  holderRefreshAction,
  askPreviewAction,
  askConfirmAction,
  askCancelAction,
];
