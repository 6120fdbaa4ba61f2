import { z } from 'zod';
import { KEEP_REASONS, type KeepReason } from '../../reclamation/holder';
import type { Decision } from '../../reclamation/service';
import type { CardJson } from '../cards/render';
import { staleCard } from '../dispatch/actions';
import type { BotServices } from '../services';
import { requestRefSchema } from './approval';
import { defineAction } from './action';
import { VERBS } from './verbs';

/**
 * Keep also carries the card's inputs: a reason from the list and the holder's own words. Both are
 * required (the card says so; a client that skips the check gets the card back with a notice).
 */
const keepSchema = requestRefSchema
  .extend({
    reason: z.string().max(32).optional(),
    text: z.string().max(500).optional(),
  })
  .strict();

const isKeepReason = (value: string | undefined): value is KeepReason =>
  value !== undefined && Object.hasOwn(KEEP_REASONS, value);

/** Whether the one clicking holds the license in question: they get its buttons, anyone else its state. */
const isHolder = (caller: string | undefined, request: { userId: string }): boolean =>
  caller !== undefined && caller === request.userId.toLowerCase();

/** The card after the holder's click: their own view; a refusal says why (HolderSteps audited it). */
async function answerCard(
  services: BotServices,
  caller: string | undefined,
  decision: Decision,
  notice?: string,
): Promise<CardJson> {
  if (!decision.request) return staleCard();
  return services.holderCards.card(
    decision.request,
    isHolder(caller, decision.request),
    undefined,
    decision.ok ? notice : `Nothing was done: ${decision.why}`,
  );
}

/**
 * After a real change (an answer, or a refusal that found the question closed), in the background:
 * every copy follows, and the request goes on (to execution after a release, to the approver).
 */
function followUp(services: BotServices, decision: Decision): void {
  if (!decision.request || !(decision.ok || decision.changed)) return;
  const request = decision.request;
  services.background.start('holder.proceed', () => services.reclamation.holder.proceed(request));
}

/**
 * Release: the holder's own decision; checked on the server (holder, state, version, deadline), then
 * run in the background. The card asks no input for it, but a client may send the Keep inputs along:
 * they are ignored.
 */
export const holderReleaseAction = defineAction({
  verb: VERBS.holderRelease,
  schema: keepSchema,
  async handle({ services, data, caller }) {
    const decision = await services.reclamation.holder.release(
      data.requestId,
      caller.aadObjectId ?? 'unknown',
      data.version,
    );
    followUp(services, decision);
    return answerCard(services, caller.aadObjectId, decision, 'Thank you: the license is released.');
  },
});

/** Keep, with a reason: the approver decides with it (or it closes the request, by policy). */
export const holderKeepAction = defineAction({
  verb: VERBS.holderKeep,
  schema: keepSchema,
  async handle({ services, data, caller }) {
    const text = data.text?.trim() ?? '';
    if (!isKeepReason(data.reason) || !text) {
      const request = await services.reclamation.request(data.requestId);
      if (!request) return staleCard();
      return services.holderCards.card(
        request,
        isHolder(caller.aadObjectId, request),
        undefined,
        'To keep it, choose a reason and say in a few words why you need it. Nothing was recorded.',
      );
    }
    const decision = await services.reclamation.holder.keep(
      data.requestId,
      caller.aadObjectId ?? 'unknown',
      data.version,
      data.reason,
      text,
    );
    followUp(services, decision);
    return answerCard(services, caller.aadObjectId, decision, 'Recorded: you keep it for now.');
  },
});

/** Teams asks for the card of whoever looks at it: the holder gets Release and Keep, anyone else the state. */
export const holderRefreshAction = defineAction({
  verb: VERBS.holderRefresh,
  schema: requestRefSchema,
  async handle({ services, data, caller }) {
    const request = await services.reclamation.request(data.requestId);
    if (!request) return staleCard();
    return services.holderCards.card(request, isHolder(caller.aadObjectId, request));
  },
});
