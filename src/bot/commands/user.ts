import { cardAttachment } from '../cards/render';
import { userCardData } from '../cards/user';
import type { Command, CommandContext } from './command';
import { unknownUserCard, upnArgument } from './upn-argument';

/** `user <upn>`: everything known about one user, and why they are (or are not) a finding. */
export const userCommand: Command = {
  name: 'user',
  usage: 'user <upn>',
  description: 'One user: every Users-tab column, activity per app, licenses and the verdict with its reasons.',
  async handle(ctx: CommandContext) {
    const { upn } = upnArgument(ctx.args, 'user');
    const { insights, users } = ctx.services;
    const now = ctx.services.now();
    const policy = await insights.policy();
    const insight = await insights.user(upn, policy, now);
    const user = insight ? await users.byId(insight.userId) : null;
    if (!insight || !user) {
      await ctx.turn.sendActivity({ attachments: [unknownUserCard(upn)] });
      return;
    }
    await ctx.turn.sendActivity({
      attachments: [
        cardAttachment(
          'user',
          userCardData({ insight, user, thresholdDays: policy.inactiveDays, now, banner: ctx.services.banner }),
        ),
      ],
    });
  },
};
