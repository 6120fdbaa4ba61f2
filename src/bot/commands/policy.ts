import { noticeCard } from '../cards/notice';
import { policyCardData } from '../cards/policy';
import { cardAttachment } from '../cards/render';
import { conversationIdOf } from '../conversations/references';
import { isReclamationKey } from '../../reclamation/settings';
import { ArgumentError, type Command, type CommandContext } from './command';

/**
 * `policy` shows the policy, `policy set <key> <value>` changes one value (validated by the
 * insights' schemas, audited with the caller as actor). Admins only: the policy decides whose
 * licenses are proposed for removal.
 */
export const policyCommand: Command = {
  name: 'policy',
  usage: 'policy [set <key> <value>]',
  description: 'Show the policy (thresholds, exclusions, managed licenses) or change one value.',
  adminOnly: true,
  async handle(ctx: CommandContext) {
    const { insights } = ctx.services;
    const [verb = '', key = '', ...value] = ctx.args.split(' ');
    if (!verb) {
      const data = policyCardData({
        view: await insights.policyView(),
        admins: await ctx.services.admins.configured(),
        schedule: await ctx.services.digest.schedule(),
        banner: ctx.services.banner,
        reclamation: await ctx.services.reclamation.settings.get(),
      });
      await ctx.turn.sendActivity({ attachments: [cardAttachment('policy', data)] });
      return;
    }
    if (verb.toLowerCase() !== 'set' || !key || !value.length) {
      throw new ArgumentError(
        '`policy` shows the policy; `policy set <key> <value>` changes one value.',
        'policy set inactiveDays 60',
      );
    }
    if (isReclamationKey(key)) {
      // Approval settings live beside the policy; `approvals.channel here` names this conversation.
      const set = await ctx.services.reclamation.settings.set(
        key,
        value.join(' '),
        ctx.caller.aadObjectId ?? 'unknown',
        ctx.services.now(),
        conversationIdOf(ctx.turn.activity),
      );
      if (!set.ok)
        throw new ArgumentError(`${key} was not changed: ${set.error}.`, 'policy set reclamation.dryRun true');
      await ctx.turn.sendActivity({
        attachments: [
          noticeCard({
            title: 'Policy changed',
            text: `\`${key}\` is now ${JSON.stringify(set.value)}.`,
            note: 'Recorded in the audit history.',
          }),
        ],
      });
      return;
    }
    const change = await insights.setPolicy(
      key,
      value.join(' '),
      ctx.caller.aadObjectId ?? 'unknown',
      ctx.services.now(),
    );
    if (!change.ok)
      throw new ArgumentError(`${change.key} was not changed: ${change.error}.`, 'policy set inactiveDays 60');
    await ctx.turn.sendActivity({
      attachments: [
        noticeCard(
          change.changed
            ? {
                title: 'Policy changed',
                text: `\`${change.key}\` is now ${change.to} (was ${change.from}). The next summary and lists use it.`,
                note: 'Recorded in the audit history.',
              }
            : { title: 'Nothing to change', text: `\`${change.key}\` is already ${change.to}.`, style: 'default' },
        ),
      ],
    });
  },
};
