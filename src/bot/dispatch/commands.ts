import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { notAdminCard, unexpectedErrorCard, usageErrorCard } from '../cards/error';
import { cardAttachment } from '../cards/render';
import { parseCommandText, ArgumentError, type Command } from '../commands/command';
import { helpCardData, type HelpOptions } from '../commands/help';
import type { BotServices } from '../services';
import { turnLogger } from '../turn-logger';
import { auditRefusal, callerOf, referenceOf } from './caller';

export function requiresAdmin(command: Command, args: string): boolean {
  return typeof command.adminOnly === 'function' ? command.adminOnly(args) : command.adminOnly === true;
}

/**
 * Registers every command from one list. Text that matches no command gets the help card, a wrong
 * argument gets a precise message with an example, a failure gets a friendly error card with a
 * reference: never silence, never a stack trace.
 */
export function registerCommands(
  app: Application<TurnState>,
  services: BotServices,
  commands: readonly Command[],
  help: HelpOptions,
): void {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const known = (context: TurnContext) => Promise.resolve(byName.has(parseCommandText(context.activity.text).word));
  app.message(known, async (context) => {
    const { word, args } = parseCommandText(context.activity.text);
    await runCommand(byName.get(word)!, context, args, services);
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const text = parseCommandText(context.activity.text);
    const unknown = text.args ? `${text.word} ${text.args}` : text.word;
    await context.sendActivity({ attachments: [cardAttachment('help', helpCardData(help, unknown))] });
  });
}

async function runCommand(command: Command, context: TurnContext, args: string, services: BotServices): Promise<void> {
  const caller = callerOf(context.activity);
  const log = turnLogger(context, services.log).child({ command: command.name, caller: caller.aadObjectId });
  try {
    if (requiresAdmin(command, args)) {
      const check = await services.admins.check(caller.aadObjectId);
      if (!check.admin) {
        log.info({ reason: check.reason }, 'admin-only command refused');
        await auditRefusal(
          services,
          caller,
          `command.${command.name}`,
          `${command.name} ${args}`.trim(),
          check.reason ?? 'not an admin',
        );
        await context.sendActivity({ attachments: [notAdminCard(`\`${command.usage}\``, check.reason ?? '')] });
        return;
      }
    }
    await command.handle({ turn: context, args, caller, services, log });
  } catch (error) {
    if (error instanceof ArgumentError) {
      await context.sendActivity({ attachments: [usageErrorCard(error.message, error.example)] });
      return;
    }
    const reference = referenceOf(context);
    log.error({ err: error, reference }, 'command failed');
    await context.sendActivity({ attachments: [unexpectedErrorCard(reference)] });
  }
}
