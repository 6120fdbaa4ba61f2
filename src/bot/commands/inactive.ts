import { FINDING_KIND } from '../../insights';
import { ArgumentError, type Command, type CommandContext } from './command';
import { sendFindings } from './findings-list';

/** `inactive`, `inactive 60`, `inactive 60 days`. The policy's threshold bounds what makes sense. */
export function parseDays(args: string): number | undefined {
  if (!args) return undefined;
  const m = /^(\d{1,4})(?: ?d(?:ays?)?)?$/i.exec(args);
  const days = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ArgumentError(`"${args}" is not a number of days between 1 and 3650.`, 'inactive 60');
  }
  return days;
}

/** `inactive [days]`: licensed users with no sign-in or app activity for the threshold (default: the policy's). */
export const inactiveCommand: Command = {
  name: FINDING_KIND.inactive,
  usage: 'inactive [days]',
  description: 'Licensed users with no activity for 90 days (or the days you give), most expensive first.',
  async handle(ctx: CommandContext) {
    await sendFindings(ctx, FINDING_KIND.inactive, parseDays(ctx.args));
  },
};
