import { CardFactory } from 'botbuilder';
import { licensesCard } from '../views/licenses-view';
import { noArguments, type Command, type CommandContext } from './command';

/** `licenses`: per managed SKU friendly name, purchased / assigned / available, cost, utilisation, services used. */
export const licensesCommand: Command = {
  name: 'licenses',
  usage: 'licenses',
  description:
    'Every managed license: seats purchased, assigned and free, cost, and which services its holders use ("Show unmanaged" adds the others).',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'licenses');
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(await licensesCard(ctx.services, false))] });
  },
};
