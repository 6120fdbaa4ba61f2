import { CardFactory } from 'botbuilder';
import { previewCard } from '../actions/reclaim';
import { ArgumentError, type Command, type CommandContext } from './command';
import { upnArgument } from './upn-argument';

/**
 * `reclaim <upn> [sku]` (admins): the preview of what would be asked (licenses, saving, approver,
 * refusals with reasons), with Confirm / Cancel. Nothing is created before Confirm.
 */
export const reclaimCommand: Command = {
  name: 'reclaim',
  usage: 'reclaim <upn> [sku]',
  description: "Ask the approver to remove a user's licenses (or one SKU): shows a preview to confirm first.",
  adminOnly: true,
  async handle(ctx: CommandContext) {
    const { upn, rest } = upnArgument(ctx.args, 'reclaim', 'optional');
    const sku = rest.trim();
    if (sku && !/^[\w.-]{1,64}$/.test(sku))
      throw new ArgumentError(
        `"${sku}" is not a SKU (a part number like SPE_E3, or a SKU id).`,
        `reclaim ${upn} SPE_E3`,
      );
    const card = await previewCard(
      ctx.services,
      { upns: [upn], ...(sku ? { sku } : {}) },
      ctx.caller.aadObjectId ?? 'unknown',
    );
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
