import { licensesCardData } from '../cards/licenses';
import { cardAttachment } from '../cards/render';
import { noArguments, type Command, type CommandContext } from './command';

/** `licenses`: per SKU friendly name, purchased / assigned / available, cost, utilisation, services used. */
export const licensesCommand: Command = {
  name: 'licenses',
  usage: 'licenses',
  description: 'Every subscribed license: seats purchased, assigned and free, cost, and which services its holders use.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'licenses');
    const { insights } = ctx.services;
    const now = ctx.services.now();
    const policy = await insights.policy();
    const [spend, usage] = [await insights.spend(policy, now), await insights.differentiation(policy, now)];
    await ctx.turn.sendActivity({ attachments: [cardAttachment('licenses', licensesCardData({ lines: spend.lines, usage, banner: ctx.services.banner }))] });
  },
};
