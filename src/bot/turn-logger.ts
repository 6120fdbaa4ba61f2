import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';

const KEY = Symbol('license-steward.logger');

/** Attaches the per-request logger (it carries the request id) to a turn. */
export function setTurnLogger(context: TurnContext, log: Logger): void {
  context.turnState.set(KEY, log);
}

/** The turn's logger, or the fallback when none was attached. */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(KEY) as Logger | undefined) ?? fallback;
}
