import { noticeCard } from '../cards/notice';
import { instant } from '../cards/format';
import { conversationIdOf } from '../conversations/references';
import { ArgumentError, type Command, type CommandContext } from './command';

const ADMIN_ONLY = new Set(['subscribe', 'schedule']);
const SUBCOMMANDS = ['subscribe', 'unsubscribe', 'now', 'schedule'];

/**
 * `digest subscribe|unsubscribe|now` (and `digest schedule <cron> [time zone]`): the weekly digest
 * for this chat or channel. Subscribing and rescheduling are for admins; anyone may stop it here
 * or ask for one now.
 */
export const digestCommand: Command = {
  name: 'digest',
  usage: 'digest subscribe|unsubscribe|now',
  description: 'The weekly digest in this chat or channel: subscribe (admins), unsubscribe, or get one now.',
  adminOnly: (args) => ADMIN_ONLY.has(args.split(' ')[0]!.toLowerCase()),
  async handle(ctx: CommandContext) {
    const [word = '', ...rest] = ctx.args.split(' ');
    const sub = word.toLowerCase();
    const { digest, conversations } = ctx.services;
    const conversationId = conversationIdOf(ctx.turn.activity)!;
    if (sub === '') return status(ctx);
    if (!SUBCOMMANDS.includes(sub)) {
      throw new ArgumentError(
        `"${word}" is not something \`digest\` does. Use subscribe, unsubscribe or now.`,
        'digest subscribe',
      );
    }
    if (sub !== 'schedule' && rest.length)
      throw new ArgumentError(`\`digest ${sub}\` takes nothing more, but got "${rest.join(' ')}".`, `digest ${sub}`);
    if (sub === 'now') {
      await ctx.turn.sendActivity({ attachments: [await digest.buildNow()] });
      return;
    }
    if (sub === 'schedule') return reschedule(ctx, rest);
    // The guard stores the reference before any command runs; storing it again is cheap, and makes
    // sure a subscription never lands on a conversation that was not recorded.
    await conversations.remember(ctx.turn.activity);
    await conversations.setDigest(conversationId, sub === 'subscribe');
    const next = await digest.nextRun();
    const schedule = await digest.schedule();
    await ctx.turn.sendActivity({
      attachments: [
        sub === 'subscribe'
          ? noticeCard({
              title: 'Subscribed to the weekly digest',
              text: `This conversation gets the License Steward digest on schedule \`${schedule.cron}\` (${schedule.timezone}).`,
              facts: next ? [{ title: 'Next digest', value: instant(next.toISOString()) }] : [],
              note: 'Send `digest unsubscribe` to stop it, `digest now` to see one now.',
            })
          : noticeCard({
              title: 'Unsubscribed',
              text: 'This conversation no longer gets the weekly digest.',
              style: 'default',
              note: 'An admin can subscribe it again with `digest subscribe`.',
            }),
      ],
    });
  },
};

async function status(ctx: CommandContext): Promise<void> {
  const ref = await ctx.services.conversations.get(conversationIdOf(ctx.turn.activity)!);
  const schedule = await ctx.services.digest.schedule();
  const next = await ctx.services.digest.nextRun();
  await ctx.turn.sendActivity({
    attachments: [
      noticeCard({
        title: 'Weekly digest',
        text: ref?.digestSubscribed ? 'This conversation is subscribed.' : 'This conversation is not subscribed.',
        style: 'default',
        facts: [
          { title: 'Schedule', value: `${schedule.cron} (${schedule.timezone})` },
          ...(next ? [{ title: 'Next digest', value: instant(next.toISOString()) }] : []),
        ],
        note: 'Commands: `digest subscribe` (admins), `digest unsubscribe`, `digest now`.',
      }),
    ],
  });
}

/** `digest schedule 0 9 * * 1 Europe/Berlin`: five cron fields (at most daily, schedule-setting.ts), then an optional time zone. */
async function reschedule(ctx: CommandContext, rest: string[]): Promise<void> {
  const last = rest[rest.length - 1] ?? '';
  const hasZone =
    /[A-Za-z]/.test(last) &&
    !/^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(last);
  const cron = (hasZone ? rest.slice(0, -1) : rest).join(' ');
  const timezone = hasZone ? last : (await ctx.services.digest.schedule()).timezone;
  const result = await ctx.services.digest.setSchedule({ cron, timezone }, ctx.caller.aadObjectId ?? 'unknown');
  if (!result.ok)
    throw new ArgumentError(`That schedule does not work: ${result.error}.`, 'digest schedule 0 9 * * 1 Europe/Berlin');
  const next = await ctx.services.digest.nextRun();
  await ctx.turn.sendActivity({
    attachments: [
      noticeCard({
        title: 'Digest schedule changed',
        text: `The weekly digest now goes out on \`${result.schedule.cron}\` (${result.schedule.timezone}).`,
        facts: next ? [{ title: 'Next digest', value: instant(next.toISOString()) }] : [],
      }),
    ],
  });
}
