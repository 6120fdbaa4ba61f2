import { CardFactory, type Attachment } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { ReclamationWorkflow } from '../../reclamation/workflow';
import type { ConversationRef, ReclamationRequest, UsersDirectory } from '../../store';
import { asksCard } from '../cards/asks';
import { holderCard } from '../cards/holder';
import type { CardJson } from '../cards/render';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';
import { instant } from '../cards/format';

export interface HolderCardsOptions {
  users: Pick<UsersDirectory, 'byIds'>;
  conversations: ConversationStore;
  proactive: Proactive;
  log: Logger;
  banner: string;
}

/**
 * The Teams side of the holder's step: the holder's card for each viewer (the holder gets Release
 * and Keep while their question is open, anyone else the state), the reminder, and the card that
 * follows a batch of asks in the admin's chat.
 */
export class HolderCards {
  private workflow?: Pick<ReclamationWorkflow, 'bulk'>;

  constructor(private readonly o: HolderCardsOptions) {}

  /** The workflow exists once the bot is built (it is handed this object's owner as its notifier). */
  attach(workflow: Pick<ReclamationWorkflow, 'bulk'>): void {
    this.workflow = workflow;
  }

  /** The holder's card for a viewer; `canAnswer` only for the holder themself (checked again on every click). */
  async card(
    request: ReclamationRequest,
    canAnswer: boolean,
    refreshUserIds?: string[],
    notice?: string,
  ): Promise<CardJson> {
    const users = new Map(
      (await this.o.users.byIds([request.requestedBy, request.approverId])).map((u) => [u.id.toLowerCase(), u]),
    );
    const name = (id: string, fallback?: unknown) =>
      users.get(id.toLowerCase())?.displayName ?? (typeof fallback === 'string' ? fallback : null) ?? id;
    return holderCard({
      request,
      canAnswer,
      notice,
      banner: this.o.banner,
      approverName: name(request.approverId, request.evidence['approverName']),
      requesterName: name(request.requestedBy),
      refreshUserIds: refreshUserIds ?? (await this.teamsIds(request)),
    });
  }

  async attachment(request: ReclamationRequest, refreshUserIds: string[]): Promise<Attachment> {
    return CardFactory.adaptiveCard(await this.card(request, true, refreshUserIds));
  }

  /** Is this conversation the holder's own chat with the bot (where their card lives)? */
  isHolderChat(conversation: ConversationRef, request: ReclamationRequest): boolean {
    return (
      conversation.conversationType === 'personal' &&
      conversation.aadObjectId?.toLowerCase() === request.userId.toLowerCase()
    );
  }

  /** The reminder: the card in the holder's chat says so, and a short message (no second card) brings the chat up. */
  async remind(request: ReclamationRequest): Promise<void> {
    for (const [conversationId, activityId] of Object.entries(request.cards)) {
      const conversation = await this.o.conversations.get(conversationId);
      if (!conversation || conversation.removedAt || !this.isHolderChat(conversation, request)) continue;
      const notice = `Reminder: your answer is needed by ${instant(request.askUntil)}.`;
      await this.o.proactive.update(
        conversation.reference,
        activityId,
        CardFactory.adaptiveCard(await this.card(request, true, undefined, notice)),
      );
      await this.o.proactive.say(
        conversation.reference,
        `Reminder: License Steward is waiting for your answer about ${String(request.evidence['skuName'] ?? 'your license')} (the card above), by ${instant(request.askUntil)}. Without it, your approver decides.`,
      );
    }
  }

  /** The card that follows a batch of asks, as it stands now (null when the batch is gone). */
  async batchCard(batchId: string, notice?: string): Promise<CardJson | null> {
    const view = await this.workflow?.bulk.view(batchId);
    if (!view) return null;
    return asksCard({
      ...view,
      dryRun: [...view.requests.values()].some((r) => r.dryRun),
      banner: this.o.banner,
      ...(notice ? { notice } : {}),
    });
  }

  /** Brings the batch's card in the admin's chat up to date, in place. */
  async batchChanged(batchId: string): Promise<void> {
    const view = await this.workflow?.bulk.view(batchId);
    if (!view?.batch.conversationId || !view.batch.activityId) return;
    const conversation = await this.o.conversations.get(view.batch.conversationId);
    const card = await this.batchCard(batchId);
    if (!conversation || conversation.removedAt || !card) return;
    await this.o.proactive
      .update(conversation.reference, view.batch.activityId, CardFactory.adaptiveCard(card))
      .catch((error: unknown) => {
        this.o.log.warn({ err: error, batchId }, 'could not update the card of a batch of holder asks');
      });
  }

  /** Teams ids (29:…) of the holder, known once they have a personal chat with the bot. */
  async teamsIds(request: ReclamationRequest): Promise<string[]> {
    const chat = await this.o.conversations.personalChat(request.userId);
    const id = (chat?.reference['user'] as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && id.startsWith('29:') ? [id] : [];
  }
}
