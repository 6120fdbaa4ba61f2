import { z } from 'zod';
import { permissionsOf } from '../../reclamation/permissions';
import type { Decision } from '../../reclamation/service';
import type { ReclamationRequest } from '../../store';
import type { ApprovalView } from '../cards/approval';
import type { CardJson } from '../cards/render';
import { staleCard } from '../dispatch/actions';
import type { BotServices } from '../services';
import { defineAction, type ActionContext } from './action';
import { VERBS } from './verbs';

/** What every approval card button carries: the request and the version the card showed. Nothing else counts. */
export const requestRefSchema = z
  .object({ requestId: z.string().uuid(), version: z.number().int().min(1).max(1_000_000) })
  .strict();
/** Approve / Reject also carry the optional comment input. */
const decisionSchema = requestRefSchema.extend({ comment: z.string().max(500).optional() }).strict();

type Ref = z.infer<typeof requestRefSchema>;

/** What this caller may do with the request (src/reclamation/permissions.ts); whether they are an admin is asked only when it matters. */
function viewFor(
  services: BotServices,
  request: ReclamationRequest,
  caller: string | undefined,
): Promise<ApprovalView> {
  return permissionsOf(request, caller, async (id) => (await services.admins.check(id)).admin);
}

/** The card after a decision: the current state for this caller; a refusal says why (the service audited it). */
export async function decisionCard(
  services: BotServices,
  caller: string | undefined,
  decision: Decision,
  notice?: string,
): Promise<CardJson> {
  if (!decision.request) return staleCard();
  const view = await viewFor(services, decision.request, caller);
  return services.approvalCards.card(
    decision.request,
    view,
    undefined,
    decision.ok ? notice : `Nothing was done: ${decision.why}`,
  );
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
    await services.approvalCards.changed(request);
    if (run) await services.reclamation.execute(request.id);
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
    const decision = await services.reclamation.approve(
      data.requestId,
      actor,
      data.version,
      data.comment?.trim() || undefined,
    );
    followUp(services, decision);
    return decisionCard(services, caller.aadObjectId, decision);
  },
});

export const rejectAction = defineAction({
  verb: VERBS.reject,
  schema: decisionSchema,
  async handle({ services, data, caller }) {
    const decision = await services.reclamation.reject(
      data.requestId,
      caller.aadObjectId ?? 'unknown',
      data.version,
      data.comment?.trim() || undefined,
    );
    followUp(services, decision);
    return decisionCard(services, caller.aadObjectId, decision);
  },
});

/** Teams asks for the card of whoever looks at it (`refresh`): the approver gets buttons, everyone else the state. */
export const approvalRefreshAction = defineAction({
  verb: VERBS.approvalRefresh,
  schema: requestRefSchema,
  async handle({ services, data, caller }) {
    const request = await services.reclamation.request(data.requestId);
    if (!request) return staleCard();
    return services.approvalCards.card(request, await viewFor(services, request, caller.aadObjectId));
  },
});

/** Undo and Retry: the approver or an admin, checked here on the server; the service checks state and version. */
async function afterAction(ctx: ActionContext<Ref>, action: 'undo' | 'retry'): Promise<CardJson> {
  const { services, data, caller } = ctx;
  const actor = caller.aadObjectId ?? 'unknown';
  const request = await services.reclamation.request(data.requestId);
  if (!request) return staleCard();
  const view = await viewFor(services, request, caller.aadObjectId);
  if (!view.undo) {
    const why = 'Only the approver of this request or a License Steward admin may do that.';
    await services.reclamation.refuse(request.id, actor, action, why);
    return services.approvalCards.card(request, view, undefined, `Nothing was done: ${why}`);
  }
  const r = services.reclamation;
  const decision =
    action === 'undo' ? await r.undo(request.id, actor, data.version) : await r.retry(request.id, actor, data.version);
  followUp(services, decision);
  return decisionCard(services, caller.aadObjectId, decision);
}

export const undoAction = defineAction({
  verb: VERBS.undo,
  schema: requestRefSchema,
  handle: (ctx) => afterAction(ctx, 'undo'),
});
export const retryAction = defineAction({
  verb: VERBS.retry,
  schema: requestRefSchema,
  handle: (ctx) => afterAction(ctx, 'retry'),
});
