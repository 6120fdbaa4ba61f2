import { PolicyStore } from '../../insights';
import { noticeCard } from '../cards/notice';
import { policyCardData } from '../cards/policy';
import { cardAttachment } from '../cards/render';
import { UsageError, type Command, type CommandContext } from './command';

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
    const store = new PolicyStore(ctx.services.dataSource);
    const [verb = '', key = '', ...value] = ctx.args.split(' ');
    if (!verb) {
      const data = policyCardData({ view: await store.view(), admins: await ctx.services.admins.configured(), schedule: await ctx.services.digest.schedule(), banner: ctx.services.banner });
      await ctx.turn.sendActivity({ attachments: [cardAttachment('policy', data)] });
      return;
    }
    if (verb.toLowerCase() !== 'set' || !key || !value.length) {
      throw new UsageError('`policy` shows the policy; `policy set <key> <value>` changes one value.', 'policy set inactiveDays 60');
    }
    const change = await store.set(key, value.join(' '), ctx.caller.aadObjectId ?? 'unknown', ctx.services.now());
    if (!change.ok) throw new UsageError(`${change.key} was not changed: ${change.error}.`, 'policy set inactiveDays 60');
    await ctx.turn.sendActivity({
      attachments: [noticeCard(change.changed
        ? { title: 'Policy changed', text: `\`${change.key}\` is now ${change.to} (was ${change.from}). The next summary and lists use it.`, note: 'Recorded in the audit history.' }
        : { title: 'Nothing to change', text: `\`${change.key}\` is already ${change.to}.`, style: 'default' })],
    });
  },
};
