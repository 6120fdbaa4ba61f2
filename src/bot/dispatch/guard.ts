import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { ServedTenant } from '../auth/served-tenant';
import { tenantOf } from '../auth/served-tenant';
import { errorCard, errorCardData } from '../cards/error';
import { renderCard } from '../cards/render';
import type { BotServices } from '../services';
import { turnLogger } from '../turn-logger';
import { answerClicker } from './actions';

const FOREIGN = {
  title: 'This License Steward serves another organisation',
  message: 'It only answers people of the Microsoft 365 tenant it manages. Nothing was read or changed.',
  hint: 'Ask your own IT department for the License Steward of your organisation.',
};
const UNVERIFIED = {
  title: 'I cannot check your organisation right now',
  message:
    'License Steward answers only its own tenant, and could not confirm which one that is (Microsoft Entra ID did not answer).',
  hint: 'Try again in a few minutes.',
};

/**
 * Runs before every route: refuses activities from any tenant but the served one (counted in the
 * audit history per tenant and hour; nothing else is stored for them), then remembers the
 * conversation so proactive messages can reach it later.
 */
export function guardTurns(app: Application<TurnState>, services: BotServices, tenant: ServedTenant): void {
  app.turn('beforeTurn', async (context) => {
    const log = turnLogger(context, services.log);
    let serves: boolean;
    try {
      serves = await tenant.serves(context.activity);
    } catch (error) {
      log.error({ err: error }, 'could not resolve the served tenant');
      await refuse(context, UNVERIFIED);
      return false;
    }
    if (!serves) {
      const foreign = tenantOf(context.activity);
      log.warn({ tenant: foreign ?? null, type: context.activity.type }, 'activity from another tenant refused');
      await services.audit
        .foreignActivity(foreign, services.now())
        .catch((error: unknown) =>
          log.warn({ err: error }, 'could not count the refused activity in the audit history'),
        );
      await refuse(context, FOREIGN);
      return false;
    }
    const type = context.activity.type;
    if (type === ActivityTypes.Message || type === ActivityTypes.Invoke) {
      // A failure here must not cost the person their answer: the reference is refreshed next time.
      await services.conversations
        .remember(context.activity)
        .catch((error: unknown) => log.warn({ err: error }, 'could not store the conversation reference'));
    }
    return true;
  });
}

async function refuse(context: TurnContext, text: { title: string; message: string; hint: string }): Promise<void> {
  if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity({ attachments: [errorCard(text)] });
  } else if (context.activity.type === ActivityTypes.Invoke) {
    await answerClicker(context, renderCard('error', errorCardData(text)));
  }
  // Conversation and installation updates from elsewhere get no answer at all.
}
