import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../logging/logger';
import { cardAttachment } from './cards/render';
import { parseCommandText, type Command } from './commands/command';
import { helpCardData, helpCommand } from './commands/help';
import { turnLogger } from './turn-logger';

export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** Durable state storage (never MemoryStorage: state must survive restarts). */
  storage: Storage;
  log: Logger;
  botAppId?: string;
  /** Shown on help cards; says when the tenant is a simulation. */
  banner: string;
  /** Commands besides help. */
  commands?: readonly Command[];
}

/**
 * The teams-ai Application with every command registered from one list. Text that matches no
 * command gets the help card, never silence.
 */
export function createBotApp(options: BotAppOptions): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: options.adapter,
    storage: options.storage,
    ...(options.botAppId ? { botAppId: options.botAppId } : {}),
    // Strips "<at>License Steward</at>" from channel and group chat messages before routing.
    removeRecipientMention: true,
    startTypingTimer: true,
  });

  const commands: Command[] = [];
  const help = { commands: () => commands, banner: options.banner };
  commands.push(helpCommand(help), ...(options.commands ?? []));
  const byName = new Map(commands.map((c) => [c.name, c]));

  const known = (context: TurnContext) => Promise.resolve(byName.has(parseCommandText(context.activity.text).word));
  app.message(known, async (context) => {
    const { word, args } = parseCommandText(context.activity.text);
    const command = byName.get(word)!;
    await command.handle({ turn: context, args, log: turnLogger(context, options.log).child({ command: word }) });
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const text = parseCommandText(context.activity.text);
    const unknown = text.args ? `${text.word} ${text.args}` : text.word;
    await context.sendActivity({ attachments: [cardAttachment('help', helpCardData(help, unknown))] });
  });

  app.error(async (context, error) => {
    const log = turnLogger(context, options.log);
    log.error({ err: error }, 'turn failed');
    try {
      await context.sendActivity('Sorry, something went wrong on my side. The error is logged; please try again.');
    } catch (sendError) {
      // The channel itself is unreachable; the log is all we can do.
      log.error({ err: sendError }, 'could not tell the user about the failure');
    }
  });

  return app;
}
