import { cardAttachment } from '../cards/render';
import { truncate, type Command, type CommandContext } from './command';

export interface HelpOptions {
  /** The commands to list, help included. */
  commands: () => readonly Command[];
  /** Shown on the card, e.g. that the tenant is simulated. Empty for none. */
  banner: string;
}

/** Builds the help card's data: also the answer to any text that is not a command. */
export function helpCardData(options: HelpOptions, unknownText = '') {
  return {
    intro:
      "I find Microsoft 365 licenses that nobody uses and get them back, with the manager's approval. Send one of these:",
    banner: options.banner,
    unknownText: unknownText ? `I don't know "${truncate(unknownText, 60)}". Here is what I can do:` : '',
    commands: options.commands().map((c) => ({
      usage: displayUsage(c.usage),
      description: c.adminOnly === true ? `${c.description} Admins only.` : c.description,
    })),
  };
}

export function helpCommand(options: HelpOptions): Command {
  return {
    name: 'help',
    usage: 'help',
    description: 'Show this list of commands.',
    async handle({ turn }: CommandContext) {
      await turn.sendActivity({ attachments: [cardAttachment('help', helpCardData(options))] });
    },
  };
}

/**
 * `user <upn>` is written with angle brackets in code and docs, but Teams clients treat `<…>` in a
 * TextBlock as markup and drop it: show the placeholders as ‹upn›.
 */
export function displayUsage(usage: string): string {
  return usage.replace(/<([^<>]+)>/g, '‹$1›');
}
