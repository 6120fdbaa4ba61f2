import { TurnContext } from 'botbuilder';
import { CONSENT_PATH } from '../../consent/flow';
import { connectCardData } from '../cards/connect';
import { noticeCard } from '../cards/notice';
import { cardAttachment } from '../cards/render';
import type { BotServices } from '../services';
import { publicBaseUrl } from '../turn-info';
import { noArguments, type Caller, type Command, type CommandContext } from './command';

/**
 * `connect` (admins): Microsoft's admin consent for the app registration, in two clicks — the card's
 * "Grant permissions" opens it, the admin accepts, and the answer comes back to this chat.
 */
export const connectCommand: Command = {
  name: 'connect',
  usage: 'connect',
  description: "Grant License Steward its Microsoft Graph permissions with Microsoft's admin consent.",
  adminOnly: true,
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'connect');
    const link = await consentLink(ctx.turn, ctx.caller, ctx.services);
    if (!link) {
      await ctx.turn.sendActivity({
        attachments: [
          noticeCard({
            title: 'Admin consent is not available here',
            text: 'This instance has no address for Microsoft to send the answer back to. Set PUBLIC_URL, or grant the permissions in the Microsoft Entra admin center (README, "Connect your tenant").',
            style: 'warning',
          }),
        ],
      });
      return;
    }
    ctx.log.info({ expiresAt: link.expiresAt.toISOString() }, 'admin consent link issued');
    await ctx.turn.sendActivity({
      attachments: [
        cardAttachment(
          'connect',
          connectCardData({ ...link, credential: ctx.services.graph.credential, banner: ctx.services.banner }),
        ),
      ],
    });
  },
};

/**
 * A consent link for this admin, answered to this conversation; undefined when consent is not wired
 * or the bot's public address is unknown. The redirect goes to PUBLIC_URL, else to the address this
 * turn came in at (src/server/messages-route.ts).
 */
export async function consentLink(
  turn: TurnContext,
  caller: Caller,
  services: BotServices,
): Promise<{ url: string; expiresAt: Date } | undefined> {
  const base = services.publicUrl ?? publicBaseUrl(turn);
  if (!services.consent || !base || !caller.aadObjectId) return undefined;
  const reference = TurnContext.getConversationReference(turn.activity) as unknown as Record<string, unknown>;
  return services.consent.begin(caller.aadObjectId, reference, `${base}${CONSENT_PATH}`);
}
