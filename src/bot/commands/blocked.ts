import { FINDING_KIND } from '../../insights';
import { noArguments, type Command, type CommandContext } from './command';
import { sendFindings } from './findings-list';

/** `blocked`: users whose sign-in is blocked but who still hold paid licenses. */
export const blockedCommand: Command = {
  name: FINDING_KIND.blocked,
  usage: FINDING_KIND.blocked,
  description: 'Users blocked from signing in who still hold paid licenses.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, FINDING_KIND.blocked);
    await sendFindings(ctx, FINDING_KIND.blocked);
  },
};
