import { z } from 'zod';
import { ASKABLE_LISTS } from '../../reclamation/bulk-ask';
import { askPreviewCardData } from '../cards/asks';
import { noticeCardData } from '../cards/notice';
import { renderCard, type CardJson } from '../cards/render';
import { upnSchema } from '../commands/upn-argument';
import { conversationIdOf } from '../conversations/references';
import { defineAction } from './action';
import { VERBS } from './verbs';

/** "Ask these users": the page's users (at most 10 UPNs) or everyone the list matches, with its threshold. */
const previewSchema = z
  .object({
    list: z.enum(ASKABLE_LISTS),
    days: z.number().int().min(1).max(3650).optional(),
    upns: z.array(upnSchema).min(1).max(10).optional(),
  })
  .strict();
const batchSchema = z.object({ batchId: z.string().uuid() }).strict();

const notice = (title: string, text: string, style: 'good' | 'default' | 'warning' = 'warning'): CardJson =>
  renderCard('notice', noticeCardData({ title, text, style }));

/**
 * The preview: who would be asked, their licenses and what they cost a month, and who is left out
 * and why. It records a draft of exactly those asks; nothing is sent before Confirm.
 */
export const askPreviewAction = defineAction({
  verb: VERBS.askPreview,
  schema: previewSchema,
  adminOnly: true,
  async handle({ services, data, caller }) {
    const preview = await services.reclamation.bulk.preview(data, caller.aadObjectId ?? 'unknown');
    if ('refused' in preview) return notice('Nobody was asked', preview.refused);
    return renderCard('ask-preview', askPreviewCardData({ ...preview, banner: services.banner }));
  },
});

/**
 * Confirm: the draft's asks go out in the background, at a pace Teams accepts; the answer is the
 * card that follows them, updated in place (the clicked card). A second click, an expired draft or
 * someone else's changes nothing.
 */
export const askConfirmAction = defineAction({
  verb: VERBS.askConfirm,
  schema: batchSchema,
  adminOnly: true,
  async handle({ services, data, caller, turn }) {
    const conversationId = conversationIdOf(turn.activity);
    const activityId = turn.activity.replyToId;
    const origin = conversationId && activityId ? { conversationId, activityId } : undefined;
    const confirmed = await services.reclamation.bulk.confirm(data.batchId, caller.aadObjectId ?? 'unknown', origin);
    if (!confirmed)
      return notice(
        'Nothing more was sent',
        'This preview was confirmed already, cancelled, or is older than 15 minutes: preview again to ask.',
        'default',
      );
    return (
      (await services.holderCards.batchCard(data.batchId)) ??
      notice('Nothing was sent', 'The preview is gone: preview again.')
    );
  },
});

export const askCancelAction = defineAction({
  verb: VERBS.askCancel,
  schema: batchSchema,
  adminOnly: true,
  async handle({ services, data, caller }) {
    await services.reclamation.bulk.cancel(data.batchId, caller.aadObjectId ?? 'unknown');
    return notice('Cancelled', 'Nobody was asked.', 'default');
  },
});
