import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { errorCard } from '../cards/error';
import { ArgumentError } from './command';

/** A user principal name as Entra writes it: one `@`, no spaces, at most 113 characters before it. */
export const upnSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]{1,113}@[^\s@]+\.[^\s@]+$/, 'not a user principal name');

/** The `<upn>` argument of `user`, `history`, `reclaim`: validated, with an example when wrong. */
export function upnArgument(
  args: string,
  command: string,
  rest: 'none' | 'optional' = 'none',
): { upn: string; rest: string } {
  // Teams may turn an e-mail address into a mailto link before the bot sees it.
  const unlinked = args.replace(/<a [^>]*>(.*?)<\/a>/gi, '$1');
  const [first = '', ...others] = unlinked.split(' ');
  if (!first)
    throw new ArgumentError(
      `\`${command}\` needs the user's sign-in name (UPN).`,
      `${command} lynner@contoso.onmicrosoft.com`,
    );
  const cleaned = first.replace(/^mailto:/i, '');
  if (!upnSchema.safeParse(cleaned).success) {
    throw new ArgumentError(
      `"${first}" is not a user principal name (it looks like name@domain).`,
      `${command} lynner@contoso.onmicrosoft.com`,
    );
  }
  if (rest === 'none' && others.length) {
    throw new ArgumentError(
      `\`${command}\` takes one user, but got more: "${others.join(' ')}".`,
      `${command} ${cleaned}`,
    );
  }
  return { upn: cleaned.toLowerCase(), rest: others.join(' ') };
}

/** The answer when no stored user has the UPN (`user`, `history`). */
export function unknownUserCard(upn: string): Attachment {
  return errorCard({
    title: 'No such user',
    message: `I know no user "${upn}".`,
    hint: 'Check the spelling of the sign-in name. A user created today appears after the next roster sync (`sync roster`).',
  });
}
