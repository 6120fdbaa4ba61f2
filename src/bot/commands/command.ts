import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { BotServices } from '../services';

/** Who sent the turn, as Teams says. Admin rights are checked on the server, per request. */
export interface Caller {
  /** Entra object id; absent from some non-Teams clients. */
  aadObjectId?: string;
  name?: string;
}

/** What every command handler gets: one object, not positional arguments. */
export interface CommandContext {
  turn: TurnContext;
  /** Text after the command word, trimmed and with runs of spaces collapsed. */
  args: string;
  caller: Caller;
  services: BotServices;
  log: Logger;
}

/** A chat command: its trigger, its help line, who may run it, and its handler. */
export interface Command {
  /** The command word, lower case. */
  name: string;
  /** As shown in help, e.g. `inactive [days]`. */
  usage: string;
  description: string;
  /** Admins only: all of it (`true`) or only some arguments (e.g. `digest subscribe`). */
  adminOnly?: boolean | ((args: string) => boolean);
  handle(ctx: CommandContext): Promise<void>;
}

/**
 * A wrong argument: the user sees what was wrong and an example that works. Thrown by handlers,
 * turned into a card by the dispatcher.
 */
export class ArgumentError extends Error {
  constructor(
    message: string,
    readonly example: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Splits normalised text into the command word (lower case) and its arguments. Teams may send a
 * typed message as HTML (`<p>summary</p>`, a mailto link around an address, `&nbsp;`): only the
 * text counts.
 */
export function parseCommandText(text: string | undefined): { word: string; args: string } {
  const normalised = (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
  const space = normalised.indexOf(' ');
  if (space < 0) return { word: normalised.toLowerCase(), args: '' };
  return { word: normalised.slice(0, space).toLowerCase(), args: normalised.slice(space + 1) };
}

/** Refuses arguments for a command that takes none. */
export function noArguments(ctx: CommandContext, name: string): void {
  if (ctx.args) throw new ArgumentError(`\`${name}\` takes no arguments, but got "${truncate(ctx.args, 40)}".`, name);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
