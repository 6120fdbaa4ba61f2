import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { CardAction } from '../actions/action';
import { isVerb } from '../actions/verbs';
import { errorCardData } from '../cards/error';
import { renderCard, type CardJson } from '../cards/render';
import type { BotServices } from '../services';
import { turnLogger } from '../turn-logger';
import { auditRefusal, callerOf, referenceOf } from './caller';

const INVOKE = 'adaptiveCard/action';

/** The card shown in place of one whose action data is not what License Steward sends. */
export function staleCard(): CardJson {
  return renderCard(
    'error',
    errorCardData({
      title: 'This card is out of date',
      message: 'Its button no longer matches what License Steward understands, so nothing was done.',
      hint: 'Send the command again (for example `summary`) to get a fresh card.',
    }),
  );
}

/**
 * Registers every Action.Execute handler from one list. Data is validated against the action's
 * schema and admin rights are checked on the server; a forged or stale payload gets a friendly
 * card and changes nothing. The returned card replaces the clicked one for the clicker only (the
 * invoke response).
 */
export function registerActions(
  app: Application<TurnState>,
  services: BotServices,
  actions: readonly CardAction[],
): void {
  for (const action of actions) {
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data: unknown) =>
      answerClicker(context, await runAction(action, context, data, services)),
    );
  }
  // Any other Action.Execute (an unknown verb): teams-ai would leave it unanswered.
  const unknownVerb = (context: TurnContext) => {
    const a = context.activity;
    const value = a.value as { action?: { type?: unknown; verb?: unknown } } | undefined;
    return Promise.resolve(
      a.type === 'invoke' &&
        a.name === INVOKE &&
        value?.action?.type === 'Action.Execute' &&
        !actions.some((x) => x.verb === value.action?.verb),
    );
  };
  app.adaptiveCards.actionExecute(unknownVerb, async (context) => {
    const verb = (context.activity.value as { action?: { verb?: unknown } }).action?.verb;
    turnLogger(context, services.log).warn(
      { verb: isVerb(verb) || typeof verb === 'string' ? verb : typeof verb },
      'unknown card verb refused',
    );
    return answerClicker(context, staleCard());
  });
}

/**
 * Answers the click with the card, for the clicker only. Left to teams-ai, a card carrying
 * `refresh` (the approval card) is also written over the clicked activity with updateActivity, for
 * everyone in the conversation, and so is every later answer of that verb, whatever the card: a
 * refusal meant for one person ("Nothing was done: …") would replace the channel's shared copy.
 * Shared copies change only when the request does (ApprovalCards.changed in
 * src/bot/reclaim/approval-cards.ts). teams-ai sends nothing more once the turn holds an invoke response.
 */
export async function answerClicker(context: TurnContext, card: CardJson): Promise<CardJson> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
  return card;
}

async function runAction(
  action: CardAction,
  context: TurnContext,
  data: unknown,
  services: BotServices,
): Promise<CardJson> {
  const caller = callerOf(context.activity);
  const log = turnLogger(context, services.log).child({ verb: action.verb, caller: caller.aadObjectId });
  const parsed = action.schema.safeParse(data);
  if (!parsed.success) {
    log.warn(
      { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      'card action data refused',
    );
    return staleCard();
  }
  try {
    if (action.adminOnly) {
      const check = await services.admins.check(caller.aadObjectId);
      if (!check.admin) {
        await auditRefusal(services, caller, `action.${action.verb}`, action.verb, check.reason ?? 'not an admin');
        return renderCard(
          'error',
          errorCardData({ title: 'Only License Steward admins can do that', message: check.reason ?? '' }),
        );
      }
    }
    return await action.handle({ turn: context, data: parsed.data, caller, services, log });
  } catch (error) {
    const reference = referenceOf(context);
    log.error({ err: error, reference }, 'card action failed');
    return renderCard(
      'error',
      errorCardData({
        title: 'Sorry, something went wrong on my side',
        message: 'I could not finish that. Nothing was changed.',
        hint: 'Try again in a minute, or send the command again.',
        reference: `Reference: ${reference}`,
      }),
    );
  }
}
