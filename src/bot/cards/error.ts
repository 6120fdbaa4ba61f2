import type { Attachment } from 'botbuilder';
import { cardAttachment } from './render';

export interface ErrorCardData {
  title: string;
  message: string;
  /** What the person can do about it. */
  hint?: string;
  /** A command that works, shown in monospace. */
  example?: string;
  /** E.g. a reference to quote to the operator; never a stack trace. */
  reference?: string;
}

/** The data of `templates/error.json`: every field present, empty when unused (the template hides it). */
export interface ErrorCard {
  title: string;
  message: string;
  hint: string;
  example: string;
  reference: string;
}

/** Data for `templates/error.json`: every field present, empty when unused (the template hides it). */
export function errorCardData(data: ErrorCardData): ErrorCard {
  return {
    title: data.title,
    message: data.message,
    hint: data.hint ?? '',
    example: data.example ?? '',
    reference: data.reference ?? '',
  };
}

export function errorCard(data: ErrorCardData): Attachment {
  return cardAttachment('error', errorCardData(data));
}

/** A wrong argument: what was wrong and a command that works. */
export function usageErrorCard(message: string, example: string): Attachment {
  return errorCard({ title: 'That is not quite right', message, example, hint: 'Send `help` to see every command.' });
}

/** An admin-only command or action from someone who is not an admin. */
export function notAdminCard(what: string, reason: string): Attachment {
  return errorCard({
    title: 'Only License Steward admins can do that',
    message: `${what} is for admins. ${reason}`,
    hint: 'Ask a License Steward admin to do it, or to add you as an admin.',
  });
}

/** Something failed on our side: the person gets a reference, the log gets the details. */
export function unexpectedErrorCard(reference: string): Attachment {
  return errorCard({
    title: 'Sorry, something went wrong on my side',
    message: 'I could not finish that. Nothing was changed.',
    hint: 'Try again in a minute. If it keeps failing, give your administrator this reference.',
    reference: `Reference: ${reference}`,
  });
}
