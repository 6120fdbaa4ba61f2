import { CardFactory } from 'botbuilder';
import { differentiationCard } from '../views/differentiation-view';
import { ArgumentError, type Command, type CommandContext } from './command';

/** `differentiation [sku]`: users by license type, the last activity of each of the 11 applications; paged, with Export CSV. */
export const differentiationCommand: Command = {
  name: 'differentiation',
  usage: 'differentiation [sku]',
  description:
    'Users by license type with the last activity of each of the 11 applications (filter by SKU part number); Export CSV.',
  async handle(ctx: CommandContext) {
    const words = ctx.args.split(' ').filter(Boolean);
    if (words.length > 1)
      throw new ArgumentError(
        `\`differentiation\` takes one license type at most, but got "${ctx.args}".`,
        'differentiation SPE_E3',
      );
    const sku = words[0];
    const card = await differentiationCard(ctx.services, ctx.turn, ctx.caller, { ...(sku ? { sku } : {}), page: 1 });
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
