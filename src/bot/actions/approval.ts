import { z } from 'zod';
import type { Decision } from '../../reclamation/service';
import type { CardJson } from '../cards/render';
import { staleCard } from '../dispatch/actions';
import type { BotServices } from '../services';
import { defineAction, type ActionContext } from './action';
import { VERBS } from './verbs';

/** What every approval card button carries: the request and the version the card showed. Nothing else counts. */
export const requestRefSchema = z.object({ requestId: z.string().uuid(), version: z.number().int().min(1).max(1_000_000) }).strict();
/** Approve / Reject also carry the optional comment input. */
const decisionSchema = requestRefSchema.extend({ comment: z.string().max(500).optional() }).strict();

type Ref = z.infer<typeof requestRefSchema>;

/** The card after a decision: the current state for this caller; a refusal says why (the service audited it). */
export async function decisionCard(services: BotServices, caller: string | undefined, decision: Decision, notice?: string): Promise<CardJson> {
  if (!decision.request) return staleCard();
  const view = await services.approvals.viewFor(decision.request, caller);
  return services.approvals.card(decision.request, view, undefined, decision.ok ? notice : `Nothing was done: ${decision.why}`);
}

/**
 * After a real change (a decision, or a refusal that found the request expired), in the
 * background: every posted copy shows the new state, since the answer to the click reached the
 * clicker only; an approval then runs, never in the turn, and the copies follow its outcome.
 * A refusal that changed nothing updates nothing.
 */
export function followUp(services: BotServices, decision: Decision): void {
  if (!decision.request || !(decision.ok || decision.changed)) return;
  const request = decision.request;
  const run = decision.ok && request.state === 'approved';
  services.background.start(run ? 'reclamation.execute' : 'approval.update-cards', async () => {
    await services.approvals.updateCards(request);
    if (run) await services.approvals.executeAndUpdate(request.id);
  });
}

/**
 * Approve: the service checks the caller is the approver, the request is still pending and not
 * expired, and the card's version is current. The click is answered at once; removal runs in the
 * background and updates every copy of the card.
 */
export const approveAction = defineAction({
  verb: VERBS.approve,
  schema: decisionSchema,
  async handle({ services, data, caller }) {
    const actor = caller.aadObjectId ?? 'unknown';
    const decision = await services.approvals.reclamation.approve(data.requestId, actor, data.version, data.comment?.trim() || undefined);
    followUp(services, decision);
    return decisionCard(services, caller.aadObjectId, decision);
  },
});

export const rejectAction = defineAction({
  verb: VERBS.reject,
  schema: decisionSchema,
  async handle({ services, data, caller }) {
    const decision = await services.approvals.reclamation.reject(data.requestId, caller.aadObjectId ?? 'unknown', data.version, data.comment?.trim() || undefined);
    followUp(services, decision);
    return decisionCard(services, caller.aadObjectId, decision);
  },
});

/** Teams asks for the card of whoever looks at it (`refresh`): the approver gets buttons, everyone else the state. */
export const approvalRefreshAction = defineAction({
  verb: VERBS.approvalRefresh,
  schema: requestRefSchema,
  async handle({ services, data, caller }) {
    const request = await services.approvals.reclamation.requests.get(data.requestId);
    if (!request) return staleCard();
    return services.approvals.card(request, await services.approvals.viewFor(request, caller.aadObjectId));
  },
});

/** Undo and Retry: the approver or an admin, checked here on the server; the service checks state and version. */
async function afterAction(ctx: ActionContext<Ref>, action: 'undo' | 'retry'): Promise<CardJson> {
  const { services, data, caller } = ctx;
  const actor = caller.aadObjectId ?? 'unknown';
  const request = await services.approvals.reclamation.requests.get(data.requestId);
  if (!request) return staleCard();
  const view = await services.approvals.viewFor(request, caller.aadObjectId);
  if (!view.undo) {
    const why = 'Only the approver of this request or a License Steward admin may do that.';
    await services.approvals.reclamation.requests.refuse(request.id, actor, action, { why }, services.now());
    return services.approvals.card(request, view, undefined, `Nothing was done: ${why}`);
  }
  const r = services.approvals.reclamation;
  const decision = action === 'undo' ? await r.undo(request.id, actor, data.version) : await r.retry(request.id, actor, data.version);
  followUp(services, decision);
  return decisionCard(services, caller.aadObjectId, decision);
}

export const undoAction = defineAction({ verb: VERBS.undo, schema: requestRefSchema, handle: (ctx) => afterAction(ctx, 'undo') });
export const retryAction = defineAction({ verb: VERBS.retry, schema: requestRefSchema, handle: (ctx) => afterAction(ctx, 'retry') });
