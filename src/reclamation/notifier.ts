import type { ReclamationRequest } from '../store';

/** Where a new request's card went, in words for the requester: the approver's chat, a channel, nowhere, or the holder first. */
export interface Delivery {
  where: 'personal' | 'channel' | 'none' | 'holder';
  text: string;
}

/**
 * How the people concerned learn about a request. The bot implements it with cards in Teams
 * (src/bot/reclaim/approval-cards.ts); src/index.ts hands it to the workflow.
 */
export interface RequestNotifier {
  /** A request for the approver: its approval card to the approver's chat, else to the approvals channel (a conversation id), else nowhere. */
  requested(request: ReclamationRequest, approvalsChannel: string | null): Promise<Delivery>;
  /** The request changed: every posted copy of its card (the holder's, the approver's, the admin's batch) shows the new state. */
  changed(request: ReclamationRequest): Promise<void>;
  /** Holder asks were queued (src/store/holder-asks.ts): deliver them, at a pace Teams accepts. Returns at once. */
  asksQueued(): void;
  /** The one reminder to a holder who has not answered, at half their time. */
  remind(request: ReclamationRequest): Promise<void>;
}
