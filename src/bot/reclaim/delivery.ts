import { CardFactory } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { Delivery } from '../../reclamation/notifier';
import type { ReclamationRequest, ReclamationRequests, UsersDirectory } from '../../store';
import { EVERYONE, type ApprovalView } from '../cards/approval';
import type { CardJson } from '../cards/render';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';

export interface DeliveryDeps {
  users: Pick<UsersDirectory, 'byId' | 'byIds'>;
  /** Where each posted copy is recorded, so it can be updated in place. */
  requests: Pick<ReclamationRequests, 'recordCard'>;
  log: Logger;
  conversations: ConversationStore;
  proactive: Proactive;
}

type CardFor = (request: ReclamationRequest, view: ApprovalView, refreshUserIds?: string[]) => Promise<CardJson>;

/**
 * Posts the approval card: to the approver's personal chat when the bot has one with them, else to
 * the approvals channel with an @mention of the approver, else nowhere (the request stays pending and
 * is listed by `approvals`). Every posted copy is recorded so it can be updated in place.
 */
export async function deliverApproval(
  deps: DeliveryDeps,
  request: ReclamationRequest,
  channelId: string | null,
  cardFor: CardFor,
): Promise<Delivery> {
  const approver = await deps.users.byId(request.approverId);
  const name =
    approver?.displayName ??
    (typeof request.evidence['approverName'] === 'string' ? request.evidence['approverName'] : null) ??
    request.approverId;
  const chat = await deps.conversations.personalChat(request.approverId, { live: true });
  const teamsId = (chat?.reference['user'] as { id?: unknown } | undefined)?.id;
  const refreshIds = typeof teamsId === 'string' ? [teamsId] : [];
  const summary = `License reclamation request for ${request.userPrincipalName}`;
  if (chat) {
    try {
      const card = await cardFor(request, { decide: true, undo: true, retry: true }, refreshIds);
      const activityId = await deps.proactive.send(chat.reference, CardFactory.adaptiveCard(card), summary);
      if (activityId) await deps.requests.recordCard(request.id, chat.id, activityId);
      return { where: 'personal', text: `sent to ${name} in their chat with License Steward` };
    } catch (error) {
      deps.log.warn(
        { err: error, requestId: request.id },
        "could not post the approval card to the approver's chat; trying the approvals channel",
      );
    }
  }
  const channel = channelId ? await deps.conversations.get(channelId) : null;
  if (channel && !channel.removedAt) {
    // Teams accepts the Entra object id in a mention when the Teams id (29:…) is not known.
    const mention = {
      type: 'mention',
      text: `<at>${name}</at>`,
      mentioned: { id: typeof teamsId === 'string' ? teamsId : request.approverId, name },
    };
    try {
      const card = await cardFor(request, EVERYONE, refreshIds);
      const activityId = await deps.proactive.send(channel.reference, CardFactory.adaptiveCard(card), summary, {
        text: `${mention.text}: a license reclamation request needs your approval.`,
        entities: [mention],
      });
      if (activityId) await deps.requests.recordCard(request.id, channel.id, activityId);
      return { where: 'channel', text: `posted in the approvals channel, mentioning ${name}` };
    } catch (error) {
      deps.log.warn({ err: error, requestId: request.id }, 'could not post the approval card to the approvals channel');
    }
  }
  return {
    where: 'none',
    text: `NOT delivered: License Steward has no chat with ${name} and no approvals channel is set (\`policy set approvals.channel here\` in a channel). The request waits; \`approvals\` lists it.`,
  };
}
