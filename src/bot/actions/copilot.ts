import { z } from 'zod';
import type { SeatOutcome } from '../../reclamation/copilot/assign';
import type { CardJson } from '../cards/render';
import type { BotServices } from '../services';
import { requestSeat } from '../commands/copilot';
import { staleCard } from '../dispatch/actions';
import { copilotAssignCard, copilotCard, copilotWaitlistCard } from '../views/copilot-view';
import { defineAction } from './action';
import { VERBS } from './verbs';

const page = z.object({ page: z.number().int().min(1).max(100_000) }).strict();
const entryRef = z.object({ entryId: z.string().uuid() }).strict();
/** Confirm and Undo carry the entry and the version the card showed; nothing else counts. */
const seatRef = entryRef.extend({ version: z.number().int().min(1).max(1_000_000) }).strict();

/** Next / Previous on the `copilot` card (and its way back from the waitlist). */
export const copilotPageAction = defineAction({
  verb: VERBS.copilotPage,
  schema: page,
  handle: ({ services, data, caller }) => copilotCard(services, caller, data.page),
});

/** "Request a Copilot seat" on the `copilot` card: the clicker joins the waitlist; the card says where they stand. */
export const copilotRequestAction = defineAction({
  verb: VERBS.copilotRequest,
  schema: z.object({}).strict(),
  handle: ({ services, caller }) => requestSeat(services, caller, null),
});

/** The waitlist, a page of it (admins). */
export const copilotWaitlistAction = defineAction({
  verb: VERBS.copilotWaitlist,
  schema: page,
  adminOnly: true,
  handle: ({ services, data }) => copilotWaitlistCard(services, data.page),
});

/** "Assign a seat" (the copilot card, the waitlist): the preview of assigning a free seat to that person. Creates nothing. */
export const copilotAssignPreviewAction = defineAction({
  verb: VERBS.copilotAssignPreview,
  schema: entryRef,
  adminOnly: true,
  async handle({ services, data }) {
    const entry = await services.copilot.get(data.entryId);
    return entry ? copilotAssignCard(services, entry) : staleCard();
  },
});

/**
 * Confirm on the preview: the seat is assigned (fresh seat count and person from Graph, one
 * assignLicense), the person is told and is off the list; or the card says why nothing was done.
 */
export const copilotAssignAction = defineAction({
  verb: VERBS.copilotAssign,
  schema: seatRef,
  adminOnly: true,
  async handle({ services, data, caller, log }) {
    const outcome = await services.copilot.assign(data.entryId, data.version, caller.aadObjectId ?? 'unknown');
    if (outcome.ok && outcome.entry)
      log.info({ entryId: outcome.entry.id, skuId: outcome.entry.skuId }, 'copilot seat assigned');
    return afterSeatChange(services, outcome, {
      title: 'You have Microsoft 365 Copilot',
      text: 'An admin assigned you a Microsoft 365 Copilot license: it reaches Teams, Outlook, Word and the other apps within a few hours.',
    });
  },
});

/** Undo on an assignment (admins, within 30 days): the license removed again, the person back in line. */
export const copilotUndoAction = defineAction({
  verb: VERBS.copilotUndo,
  schema: seatRef,
  adminOnly: true,
  async handle({ services, data, caller }) {
    const outcome = await services.copilot.undo(data.entryId, data.version, caller.aadObjectId ?? 'unknown');
    return afterSeatChange(services, outcome, {
      title: 'Your Copilot license was taken back',
      text: 'An admin undid the assignment of your Microsoft 365 Copilot license. You are back on the waitlist, at your place.',
    });
  },
});

/**
 * The card after Assign or Undo; when the seat changed hands, the person is told in the background
 * (the click is answered at once).
 */
function afterSeatChange(
  services: BotServices,
  outcome: SeatOutcome,
  message: { title: string; text: string },
): Promise<CardJson> | CardJson {
  const entry = outcome.entry;
  if (!entry) return staleCard();
  if (outcome.ok)
    services.background.start('copilot.tell', () => services.copilotProposals.tell(entry, message.title, message.text));
  return copilotAssignCard(services, entry, outcome.ok ? undefined : outcome.why);
}
