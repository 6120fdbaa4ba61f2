import { summaryCard } from '../views/summary-view';
import { CardFactory } from 'botbuilder';
import { noArguments, type Command, type CommandContext } from './command';

/** `summary`: counts and monthly waste per finding, downgrades, approvals, data freshness. */
export const summaryCommand: Command = {
  name: 'summary',
  usage: 'summary',
  description: 'Wasted licenses at a glance: counts and monthly cost per finding, with buttons to each list.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'summary');
    await ctx.turn.sendActivity({
      attachments: [CardFactory.adaptiveCard(await summaryCard(ctx.services, ctx.turn, ctx.caller.aadObjectId))],
    });
  },
};
