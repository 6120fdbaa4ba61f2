import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';

/** What every command handler gets: one object, not positional arguments. */
export interface CommandContext {
  turn: TurnContext;
  /** Text after the command word, trimmed and with runs of spaces collapsed. */
  args: string;
  log: Logger;
}

/** A chat command: its trigger, its help line, and its handler. */
export interface Command {
  /** The command word, lower case. */
  name: string;
  /** As shown in help, e.g. `inactive [days]`. */
  usage: string;
  description: string;
  handle(ctx: CommandContext): Promise<void>;
}

/** Splits normalised text into the command word (lower case) and its arguments. */
export function parseCommandText(text: string | undefined): { word: string; args: string } {
  const normalised = (text ?? '').replace(/\s+/g, ' ').trim();
  const space = normalised.indexOf(' ');
  if (space < 0) return { word: normalised.toLowerCase(), args: '' };
  return { word: normalised.slice(0, space).toLowerCase(), args: normalised.slice(space + 1) };
}
