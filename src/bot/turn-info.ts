import type { TurnContext } from 'botbuilder';

const BASE_URL = Symbol('license-steward.publicBaseUrl');

/**
 * The address people reach this bot at (scheme and host of the request Teams sent), for links the
 * bot serves itself, such as CSV exports. Set by the HTTP server per request.
 */
export function setPublicBaseUrl(context: TurnContext, baseUrl: string): void {
  context.turnState.set(BASE_URL, baseUrl);
}

export function publicBaseUrl(context: TurnContext): string | undefined {
  return context.turnState.get(BASE_URL) as string | undefined;
}
