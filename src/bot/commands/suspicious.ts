import { CardFactory } from 'botbuilder';
import { suspiciousCard } from '../views/suspicious-view';
import { noArguments, type Command, type CommandContext } from './command';

/** `suspicious`: report rows with concealed user names, per report, and how to turn concealment off. */
export const suspiciousCommand: Command = {
  name: 'suspicious',
  usage: 'suspicious',
  description: 'Suspicious activities: usage-report rows whose user name is concealed, and how to show names.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'suspicious');
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(await suspiciousCard(ctx.services, 1))] });
  },
};
