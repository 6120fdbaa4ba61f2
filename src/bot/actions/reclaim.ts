import { z } from 'zod';
import { licenseText } from '../cards/approval';
import { renderCard, type CardJson } from '../cards/render';
import { noticeCardData } from '../cards/notice';
import { previewCardData, type ReclaimTarget } from '../cards/reclaim-preview';
import { upnSchema } from '../commands/upn-argument';
import { conversationIdOf } from '../conversations/references';
import type { BotServices } from '../services';
import { defineAction } from './action';
import { VERBS } from './verbs';

/**
 * Who to plan for: at most one page of a list (10 users), and optionally one SKU (id or part
 * number), or their downgrades.
 */
const target = z.object({
  upns: z.array(upnSchema).min(1).max(10),
  sku: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  downgrade: z.literal(true).optional(),
  copilot: z.literal(true).optional(),
});
/** One kind of plan: a SKU, a downgrade or an idle Copilot seat, never two. */
const oneKind = (t: z.infer<typeof target>) => [t.sku, t.downgrade, t.copilot].filter(Boolean).length <= 1;
export const reclaimTargetSchema = target
  .strict()
  .refine(oneKind, { message: 'a SKU, a downgrade or Copilot: one of them' });

/** Confirm also names the previewed items (planItemKey: user:sku>replacement:reason), at most a page's worth. */
const ITEM_KEY = /^[0-9a-fA-F-]{36}:[0-9a-fA-F-]{36}>([0-9a-fA-F-]{36})?:[a-z-]{1,16}$/;
const confirmSchema = target
  .extend({ previewed: z.array(z.string().regex(ITEM_KEY)).min(1).max(100).optional() })
  .strict()
  .refine(oneKind, { message: 'a SKU, a downgrade or Copilot: one of them' });

/** The preview card for some users; shared by `reclaim <upn>` and the list cards' buttons. */
export async function previewCard(services: BotServices, target: ReclaimTarget, requester: string): Promise<CardJson> {
  const { plans, dryRun, askHolder } = await services.reclamation.plan(target, requester);
  return renderCard('reclaim-preview', previewCardData({ plans, target, dryRun, askHolder, banner: services.banner }));
}

/** "Request reclamation" on a list row or page: the preview replaces the list card. Creates nothing. */
export const reclaimPreviewAction = defineAction({
  verb: VERBS.reclaimPreview,
  schema: reclaimTargetSchema,
  adminOnly: true,
  handle: ({ services, data, caller }) => previewCard(services, data, caller.aadObjectId ?? 'unknown'),
});

/**
 * Confirm on the preview: plans again on the server (the preview may be stale: a request made
 * meanwhile, the user active again), creates the requests that are still valid and were in the
 * preview, and delivers each approval card.
 */
export const reclaimConfirmAction = defineAction({
  verb: VERBS.reclaimConfirm,
  schema: confirmSchema,
  adminOnly: true,
  async handle({ services, data, caller, log, turn }) {
    const { previewed, ...target } = data;
    // A preview card posted before Confirm named its items: nothing it did not show may be created.
    if (!previewed)
      return renderCard(
        'notice',
        noticeCardData({
          title: 'Nothing was requested',
          text: 'This preview is from an earlier version of the bot: preview again, then Confirm.',
          style: 'warning',
        }),
      );
    const conversationId = conversationIdOf(turn.activity);
    const activityId = turn.activity.replyToId;
    // When every request made asks its holder first, the clicked card becomes the one that follows them.
    const origin = conversationId && activityId ? { conversationId, activityId } : undefined;
    const { plans, created, batchId } = await services.reclamation.confirm(
      target,
      caller.aadObjectId ?? 'unknown',
      new Set(previewed),
      origin,
    );
    log.info(
      { created: created.length, undelivered: created.filter((c) => c.delivery.where === 'none').length },
      'reclamation requests created',
    );
    if (batchId && origin && created.every((c) => c.delivery.where === 'holder')) {
      const card = await services.holderCards.batchCard(batchId);
      if (card) return card;
    }
    const refusals = plans.flatMap((p) =>
      p.refusals.map((r) => ({
        title: `${p.userPrincipalName}${r.skuName ? ` · ${r.skuName}` : ''}`,
        value: `not requested: ${r.why}`,
      })),
    );
    const undelivered = created.some((c) => c.delivery.where === 'none');
    return renderCard(
      'notice',
      noticeCardData({
        title: created.length
          ? `Requested ${created.length} ${data.downgrade ? 'downgrade' : data.copilot ? 'Copilot seat reclamation' : 'reclamation'}(s)`
          : 'Nothing was requested',
        text: created.length
          ? 'Each request goes to its license holder first (when they are asked) or to its approver. `approvals` shows where every request stands.'
          : 'Nothing could be requested any more (see why below).',
        style: !created.length || undelivered ? 'warning' : 'good',
        facts: [
          ...created.map((c) => ({
            title: `${c.request.userPrincipalName} · ${licenseText(c.request)}`,
            value: c.delivery.text,
          })),
          ...refusals,
        ].slice(0, 30),
        note: 'Recorded in the audit history.',
      }),
    );
  },
});

export const reclaimCancelAction = defineAction({
  verb: VERBS.reclaimCancel,
  schema: z.object({}).strict(),
  handle: async () =>
    renderCard('notice', noticeCardData({ title: 'Cancelled', text: 'Nothing was requested.', style: 'default' })),
});
