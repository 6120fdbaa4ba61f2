import { cardAttachment } from '../cards/render';
import { permissionsCardData } from '../cards/permissions';
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
      tokenError = 'Microsoft Entra ID did not issue a token, so the granted permissions are unknown. Check the app registration\'s client id and secret (or certificate), then try again.';
    }
    await ctx.turn.sendActivity({ attachments: [cardAttachment('permissions', permissionsCardData({ roles, ...(tokenError ? { tokenError } : {}), banner: ctx.services.banner }))] });
  },
};
