import type { ReclamationRequest } from '../store';

/** Where a new request's approval card went, in words for the requester. */
export interface Delivery {
  where: 'personal' | 'channel' | 'none';
  text: string;
}

/**
 * How the people concerned learn about a request. The bot implements it with approval cards in
 * Teams (src/bot/reclaim/approval-cards.ts); src/index.ts hands it to the workflow.
 */
export interface RequestNotifier {
  /** A new request: its approval card to the approver's chat, else to the approvals channel (a conversation id), else nowhere. */
  requested(request: ReclamationRequest, approvalsChannel: string | null): Promise<Delivery>;
  /** The request changed: every posted copy of its card shows the new state. */
  changed(request: ReclamationRequest): Promise<void>;
}
