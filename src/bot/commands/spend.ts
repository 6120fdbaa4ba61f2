import { CardFactory } from 'botbuilder';
import { spendCard } from '../views/licenses-view';
import { noArguments, type Command, type CommandContext } from './command';

/** `spend`: monthly cost per managed license and in total, per currency, with where each cost comes from. */
export const spendCommand: Command = {
  name: 'spend',
  usage: 'spend',
  description:
    'Monthly spend per managed license and in total, and where each cost comes from (entered or list price).',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'spend');
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(await spendCard(ctx.services, false))] });
  },
};
