import { CardFactory } from 'botbuilder';
import { downgradesCard } from '../views/downgrades-view';
import { noArguments, type Command, type CommandContext } from './command';

/** `downgrades`: users a cheaper owned license would serve (License Differentiation). */
export const downgradesCommand: Command = {
  name: 'downgrades',
  usage: 'downgrades',
  description: 'Users whose used services a cheaper license you own covers, with the saving.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'downgrades');
    await ctx.turn.sendActivity({
      attachments: [CardFactory.adaptiveCard(await downgradesCard(ctx.services, 1, ctx.caller))],
    });
  },
};
