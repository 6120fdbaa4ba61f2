import { cardAttachment } from '../cards/render';
import { spendCardData } from '../cards/spend';
import { noArguments, type Command, type CommandContext } from './command';

/** `spend`: monthly cost per license and in total, per currency, with where each cost comes from. */
export const spendCommand: Command = {
  name: 'spend',
  usage: 'spend',
  description: 'Monthly spend per license and in total, and where each cost comes from.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'spend');
    const { insights } = ctx.services;
    const spend = await insights.spend(await insights.policy(), ctx.services.now());
    await ctx.turn.sendActivity({ attachments: [cardAttachment('spend', spendCardData({ spend, banner: ctx.services.banner }))] });
  },
};
