import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { cardAttachment } from '../cards/render';
import { helpCardData, type HelpOptions } from '../commands/help';
import type { BotServices } from '../services';
import { conversationIdOf } from './references';
import { turnLogger } from '../turn-logger';

const botIn = (members: { id?: string }[] | undefined, context: TurnContext) =>
  (members ?? []).some((m) => m.id !== undefined && m.id === context.activity.recipient?.id);

/**
 * Installation and removal. The reference is stored when the bot is added (so the digest and
 * approval cards can reach the chat before anyone speaks) and marked removed when it is taken out.
 * Teams sends both `conversationUpdate` (membersAdded / membersRemoved with the bot) and
 * `installationUpdate` (add / remove); either is enough, both are idempotent.
 */
export function registerConversationEvents(
  app: Application<TurnState>,
  services: BotServices,
  help: HelpOptions,
): void {
  app.conversationUpdate('membersAdded', async (context) => {
    if (!botIn(context.activity.membersAdded, context)) return;
    const ref = await services.conversations.remember(context.activity);
    turnLogger(context, services.log).info({ conversationId: ref?.id, scope: ref?.conversationType }, 'bot installed');
    // A welcome, so the people who added it know what it does.
    await context.sendActivity({ attachments: [cardAttachment('help', helpCardData(help))] });
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    if (!botIn(context.activity.membersRemoved, context)) return;
    await removed(context, services);
  });

  app.activity('installationUpdate', async (context) => {
    const action = String((context.activity as { action?: unknown }).action ?? '');
    if (action.startsWith('add')) {
      await services.conversations.remember(context.activity);
      turnLogger(context, services.log).info(
        { conversationId: conversationIdOf(context.activity), action },
        'app installed',
      );
    } else if (action.startsWith('remove')) {
      await removed(context, services);
    }
  });
}

async function removed(context: TurnContext, services: BotServices): Promise<void> {
  const id = conversationIdOf(context.activity);
  if (!id) return;
  await services.conversations.markRemoved(id);
  turnLogger(context, services.log).info({ conversationId: id }, 'bot removed: no more proactive messages here');
}
