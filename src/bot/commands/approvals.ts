import { CardFactory } from 'botbuilder';
import { approvalsView } from '../views/approvals-view';
import { noArguments, type Command, type CommandContext } from './command';

/**
 * `approvals`: pending requests (with their age) and recent outcomes; an approver can decide
 * several of their requests at once from this card.
 */
export const approvalsCommand: Command = {
  name: 'approvals',
  usage: 'approvals',
  description: 'Reclamation requests waiting for a decision (with their age) and recent outcomes.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'approvals');
    const card = await approvalsView(ctx.services, ctx.caller.aadObjectId);
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
