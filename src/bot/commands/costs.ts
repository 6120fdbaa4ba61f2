import { CardFactory } from 'botbuilder';
import { costsCard } from '../views/costs-view';
import { noArguments, type Command, type CommandContext } from './command';

/** `costs`: every managed license's cost per month, entered or list price; admins enter costs from it. */
export const costsCommand: Command = {
  name: 'costs',
  usage: 'costs',
  description:
    'License costs (effective and expiration date, cost, currency, payment frequency): what spend and waste count; admins enter them.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'costs');
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(await costsCard(ctx.services, ctx.caller))] });
  },
};
