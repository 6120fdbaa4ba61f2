import { z } from 'zod';
import type { Decision } from '../../reclamation/service';
import { approvalsView } from '../views/approvals-view';
import { defineAction, type ActionContext } from './action';
import { followUp, requestRefSchema } from './approval';
import { VERBS } from './verbs';

/** Several requests on one card, and the approver's ticks (`pick_<n>`: "true" / "false"). */
const batchSchema = z
  .object({ items: z.array(requestRefSchema).min(1).max(15), comment: z.string().max(500).optional() })
  .catchall(z.enum(['true', 'false']))
  .refine(
    (d) => Object.keys(d).every((k) => k === 'items' || k === 'comment' || /^pick_\d{1,2}$/.test(k)),
    'unexpected field',
  );

type Batch = z.infer<typeof batchSchema>;

/**
 * Decides the ticked requests one by one through the service, which checks for each that the
 * caller is its approver, the request has not expired and the version is current; approvals are
 * executed in the background and every posted card of each request follows (an expired one too:
 * the refusal marked it expired). The approvals card comes back with the outcome.
 */
async function decide(ctx: ActionContext<Batch>, approve: boolean) {
  const { services, data, caller } = ctx;
  const actor = caller.aadObjectId ?? 'unknown';
  const comment = data.comment?.trim() || undefined;
  const picked = data.items.filter((_, i) => data[`pick_${i}`] !== 'false');
  const decisions: Decision[] = [];
  for (const item of picked) {
    const r = services.reclamation;
    const decision = approve
      ? await r.approve(item.requestId, actor, item.version, comment)
      : await r.reject(item.requestId, actor, item.version, comment);
    decisions.push(decision);
    followUp(services, decision);
  }
  const done = decisions.filter((d) => d.ok).length;
  const expired = decisions.filter((d) => !d.ok && d.request?.state === 'expired' && d.changed).length;
  const refused = decisions.length - done - expired;
  const notice =
    `${approve ? 'Approved' : 'Rejected'} ${done} request(s)` +
    `${expired ? `; ${expired} had expired before your decision (now marked expired, nothing removed)` : ''}` +
    `${refused ? `; ${refused} refused (not yours to decide, or already decided)` : ''}.` +
    `${approve && done ? " Removal runs now; each request's card shows the outcome." : ''}`;
  return approvalsView(services, caller.aadObjectId, picked.length ? notice : 'Nothing was ticked: nothing was done.');
}

export const batchApproveAction = defineAction({
  verb: VERBS.batchApprove,
  schema: batchSchema,
  handle: (ctx) => decide(ctx, true),
});
export const batchRejectAction = defineAction({
  verb: VERBS.batchReject,
  schema: batchSchema,
  handle: (ctx) => decide(ctx, false),
});
