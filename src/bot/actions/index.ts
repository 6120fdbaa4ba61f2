import type { CardAction } from './action';
import { approvalRefreshAction, approveAction, rejectAction, retryAction, undoAction } from './approval';
import { batchApproveAction, batchRejectAction } from './approval-batch';
import { copilotAssignAction, copilotAssignPreviewAction, copilotPageAction, copilotRequestAction, copilotUndoAction, copilotWaitlistAction } from './copilot';
import { downgradesPageAction } from './downgrades-page';
import { findingsPageAction } from './findings-page';
import { reclaimCancelAction, reclaimConfirmAction, reclaimPreviewAction } from './reclaim';
import { summaryOpenAction } from './summary-open';

/** Every Action.Execute handler; each verb comes from VERBS. */
export const ACTIONS: readonly CardAction[] = [
  summaryOpenAction, findingsPageAction, downgradesPageAction,
  reclaimPreviewAction, reclaimConfirmAction, reclaimCancelAction,
  approveAction, rejectAction, approvalRefreshAction, undoAction, retryAction, batchApproveAction, batchRejectAction,
  copilotPageAction, copilotRequestAction, copilotWaitlistAction, copilotAssignPreviewAction, copilotAssignAction, copilotUndoAction,
];
