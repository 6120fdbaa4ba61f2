import { historyCardData } from '../cards/history';
import { cardAttachment } from '../cards/render';
import type { Command, CommandContext } from './command';
import { unknownUserCard, upnArgument } from './upn-argument';

/** Newest events shown; older ones are counted, not listed (28 KB card limit). */
const SHOWN = 15;

/** `history <upn>`: the audit history of one user (requests, approvals, reclamations, undo). Read-only. */
export const historyCommand: Command = {
  name: 'history',
  usage: 'history <upn>',
  description: 'Everything recorded about one user: requests, approvals, reclamations.',
  async handle(ctx: CommandContext) {
    const { upn } = upnArgument(ctx.args, 'history');
    const { users, audit } = ctx.services;
    const user = await users.byUpn(upn);
    if (!user) {
      await ctx.turn.sendActivity({ attachments: [unknownUserCard(upn)] });
      return;
    }
    const { events, total } = await audit.ofUser({ id: user.id, upn }, SHOWN);
    const actors = await users.namesOf([...new Set(events.map((e) => e.actor).filter((a) => a !== 'system'))]);
    const data = historyCardData({
      upn: user.userPrincipalName,
      displayName: user.displayName,
      events,
      more: total - events.length,
      actors,
    });
    await ctx.turn.sendActivity({ attachments: [cardAttachment('history', data)] });
  },
};
