import { FINDING_KIND } from '../../insights';
import { noArguments, type Command, type CommandContext } from './command';
import { sendFindings } from './findings-list';

/** `never`: licensed users who never signed in or used an app, past the grace period. */
export const neverCommand: Command = {
  name: FINDING_KIND.never,
  usage: FINDING_KIND.never,
  description: 'Licensed users who never signed in, accounts older than the grace period.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, FINDING_KIND.never);
    await sendFindings(ctx, FINDING_KIND.never);
  },
};
