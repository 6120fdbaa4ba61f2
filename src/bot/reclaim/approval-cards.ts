import { CardFactory } from 'botbuilder';
import type { Delivery, RequestNotifier } from '../../reclamation/notifier';
import type { HolderAsks, ReclamationRequest } from '../../store';
import { approvalCard, EVERYONE, type ApprovalView } from '../cards/approval';
import type { CardJson } from '../cards/render';
import type { HolderCards } from '../holder/holder-cards';
import { deliverApproval, type DeliveryDeps } from './delivery';

export interface ApprovalCardsOptions extends DeliveryDeps {
  now: () => Date;
  banner: string;
  /** The holder's cards and the cards that follow batches of asks. */
  holder: HolderCards;
  /** Which batches of asks a request belongs to. */
  asks: Pick<HolderAsks, 'batchesOf'>;
}

/**
 * The Teams side of reclamation: the approval card for each viewer, its delivery to the approver,
 * the holder's card, and every posted copy kept up to date. The workflow (src/reclamation/workflow.ts)
 * tells it of new requests, changes and queued holder asks; the decisions themselves are the workflow's.
 */
export class ApprovalCards implements RequestNotifier {
  private queued: () => void = () => undefined;

  constructor(private readonly o: ApprovalCardsOptions) {}

  /** Who sends the queued holder asks (src/bot/holder/ask-sender.ts), once it exists. */
  onAsksQueued(send: () => void): void {
    this.queued = send;
  }

  /** The card for a viewer; `refresh` names the approver's Teams id so their client asks for their buttons. */
  async card(
    request: ReclamationRequest,
    view: ApprovalView,
    refreshUserIds?: string[],
    notice?: string,
  ): Promise<CardJson> {
    const ids = [request.userId, request.requestedBy, request.approverId];
    const users = new Map((await this.o.users.byIds(ids)).map((u) => [u.id.toLowerCase(), u]));
    const name = (id: string, fallback?: unknown) =>
      users.get(id.toLowerCase())?.displayName ??
      (typeof fallback === 'string' ? fallback : null) ??
      users.get(id.toLowerCase())?.userPrincipalName ??
      id;
    return approvalCard({
      request,
      view,
      notice,
      now: this.o.now(),
      banner: this.o.banner,
      userName: users.get(request.userId.toLowerCase())?.displayName ?? null,
      requesterName: name(request.requestedBy),
      approverName: name(request.approverId, request.evidence['approverName']),
      refreshUserIds: refreshUserIds ?? (await this.approverTeamsIds(request)),
    });
  }

  requested(request: ReclamationRequest, approvalsChannel: string | null): Promise<Delivery> {
    return deliverApproval(this.o, request, approvalsChannel, (r, v, ids) => this.card(r, v, ids));
  }

  /**
   * Replaces every posted copy: the holder's chat gets the holder's card (their buttons while asked),
   * the approver's personal chat their buttons, everyone else the state; and the card of every batch
   * of asks the request belongs to follows.
   */
  async changed(request: ReclamationRequest): Promise<void> {
    const refreshIds = await this.approverTeamsIds(request);
    for (const [conversationId, activityId] of Object.entries(request.cards)) {
      const conversation = await this.o.conversations.get(conversationId);
      if (!conversation || conversation.removedAt) continue;
      const holderChat = this.o.holder.isHolderChat(conversation, request);
      const approverChat =
        conversation.conversationType === 'personal' &&
        conversation.aadObjectId?.toLowerCase() === request.approverId.toLowerCase();
      const card = holderChat
        ? await this.o.holder.card(request, true)
        : await this.card(request, approverChat ? { decide: true, undo: true, retry: true } : EVERYONE, refreshIds);
      await this.o.proactive
        .update(conversation.reference, activityId, CardFactory.adaptiveCard(card))
        .catch((error: unknown) => {
          this.o.log.warn(
            { err: error, requestId: request.id, conversationId },
            'could not update a card of a request',
          );
        });
    }
    for (const batch of await this.o.asks.batchesOf(request.id)) await this.o.holder.batchChanged(batch.id);
  }

  asksQueued(): void {
    this.queued();
  }

  remind(request: ReclamationRequest): Promise<void> {
    return this.o.holder.remind(request);
  }

  /** Teams ids (29:…) of the approver, known once they have a personal chat with the bot. */
  private async approverTeamsIds(request: ReclamationRequest): Promise<string[]> {
    const chat = await this.o.conversations.personalChat(request.approverId);
    const id = (chat?.reference['user'] as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? [id] : [];
  }
}
