import { cardAttachment } from '../cards/render';
import { permissionsCardData, PERMISSION_PARTS } from '../cards/permissions';
import { consentLink } from './connect';
import { noArguments, type Command, type CommandContext } from './command';

/** `permissions`: Graph permissions granted (from the app's token) against what each part needs. */
export const permissionsCommand: Command = {
  name: 'permissions',
  usage: 'permissions',
  description: 'Which Microsoft Graph permissions are granted and what each missing one disables.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'permissions');
    let roles: ReadonlySet<string> | null = null;
    let tokenError: string | undefined;
    try {
      roles = await ctx.services.graph.roles();
    } catch (error) {
      // The card still explains every permission; the log has the authority's answer.
      ctx.log.warn({ err: error }, 'could not read the granted permissions');
      tokenError =
        "Microsoft Entra ID did not issue a token, so the granted permissions are unknown. Check the app registration's client id and its credential (secret, certificate or federated credential), then try again.";
    }
    // Only an admin gets the button: the consent link is bound to whoever it was made for.
    const missing = roles !== null && PERMISSION_PARTS.some((part) => !part.accepted.some((p) => roles!.has(p)));
    const link =
      missing && (await ctx.services.admins.check(ctx.caller.aadObjectId)).admin
        ? await consentLink(ctx.turn, ctx.caller, ctx.services)
        : undefined;
    await ctx.turn.sendActivity({
      attachments: [
        cardAttachment(
          'permissions',
          permissionsCardData({
            roles,
            ...(tokenError ? { tokenError } : {}),
            banner: ctx.services.banner,
            credential: ctx.services.graph.credential,
            ...(link ? { consentUrl: link.url } : {}),
          }),
        ),
      ],
    });
  },
};
