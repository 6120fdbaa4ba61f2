import { CardFactory } from 'botbuilder';
import { MAX_REASON } from '../../reclamation/copilot/waitlist';
import { noticeCardData, type NoticeCardData } from '../cards/notice';
import { renderCard, type CardJson } from '../cards/render';
import type { BotServices } from '../services';
import { copilotCard, copilotWaitlistCard } from '../views/copilot-view';
import { ArgumentError, type Caller, type Command, type CommandContext } from './command';

const SUBCOMMANDS = ['request', 'cancel', 'waitlist'];
const notice = (data: NoticeCardData): CardJson => renderCard('notice', noticeCardData(data));

/**
 * `copilot`: Microsoft 365 Copilot seats, adoption by app, the idle seats (admins: Request
 * reclamation) and the waitlist; `copilot request [reason]` asks for a seat, `copilot cancel` leaves
 * the line, `copilot waitlist` shows it whole (admins).
 */
export const copilotCommand: Command = {
  name: 'copilot',
  usage: 'copilot [request ‹reason›|cancel|waitlist]',
  description:
    'Microsoft 365 Copilot: seats, adoption by app, idle seats and what they cost; ask for a seat (`copilot request` and why), admins see the waitlist.',
  adminOnly: (args) => args.split(' ')[0]!.toLowerCase() === 'waitlist',
  async handle(ctx: CommandContext) {
    const [word = '', ...rest] = ctx.args.split(' ');
    const sub = word.toLowerCase();
    const example = 'copilot request I write proposals all day';
    if (sub !== '' && !SUBCOMMANDS.includes(sub))
      throw new ArgumentError(`"${word}" is not something \`copilot\` does. Use request, cancel or waitlist.`, example);
    if (sub !== 'request' && rest.length)
      throw new ArgumentError(`\`copilot ${sub}\` takes nothing more, but got "${rest.join(' ')}".`, `copilot ${sub}`);
    const reason = rest.join(' ');
    if (reason.length > MAX_REASON)
      throw new ArgumentError(
        `The reason is ${reason.length} characters long; at most ${MAX_REASON} are kept.`,
        example,
      );
    const card =
      sub === ''
        ? await copilotCard(ctx.services, ctx.caller, 1)
        : sub === 'waitlist'
          ? await copilotWaitlistCard(ctx.services, 1)
          : sub === 'cancel'
            ? await cancelSeatRequest(ctx.services, ctx.caller)
            : await requestSeat(ctx.services, ctx.caller, reason);
    await ctx.turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};

/** Puts the caller on the waitlist (shared with the `copilot` card's button); a free seat is proposed to an admin at once. */
export async function requestSeat(services: BotServices, caller: Caller, reason: string | null): Promise<CardJson> {
  if (!caller.aadObjectId)
    return notice({
      title: 'Nothing was requested',
      text: 'Teams did not say who you are, so you cannot be put on the waitlist.',
      style: 'warning',
    });
  const result = await services.copilot.request(caller.aadObjectId, reason);
  if (!result.ok) return notice({ title: 'Nothing was requested', text: result.why, style: 'warning' });
  if (result.joined) services.background.start('copilot proposals', () => services.copilotProposals.run());
  return notice({
    title: result.joined ? 'You are on the Copilot waitlist' : 'You were already on the Copilot waitlist',
    text: `You are number ${result.position} in line. When a seat is free, an admin confirms it for the next person; you will hear from me here.`,
    facts: result.entry.reason ? [{ title: 'Your reason', value: result.entry.reason }] : [],
    note: '`copilot cancel` takes you off the list.',
  });
}

async function cancelSeatRequest(services: BotServices, caller: Caller): Promise<CardJson> {
  const cancelled = caller.aadObjectId ? await services.copilot.cancel(caller.aadObjectId) : null;
  return cancelled
    ? notice({
        title: 'You left the Copilot waitlist',
        text: 'Your request is withdrawn. `copilot request` puts you back at the end of the line.',
        style: 'default',
      })
    : notice({
        title: 'You are not on the Copilot waitlist',
        text: 'There was no request of yours to withdraw.',
        style: 'default',
      });
}
