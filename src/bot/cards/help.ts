/**
 * The data of `templates/help.json`. Its builder, `helpCardData`, is in commands/help.ts because it
 * lists the registered commands.
 */
export interface HelpCard {
  intro: string;
  banner: string;
  /** The answer to text that is not a command; empty otherwise. */
  unknownText: string;
  commands: { usage: string; description: string }[];
}
