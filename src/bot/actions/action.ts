import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { Logger } from '../../logging/logger';
import type { CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';
import type { Verb } from './verbs';

export interface ActionContext<D> {
  turn: TurnContext;
  /** The card's data, validated against the action's schema. */
  data: D;
  caller: Caller;
  services: BotServices;
  log: Logger;
}

/**
 * An Action.Execute handler: its verb (from VERBS), the exact shape of the data its cards carry,
 * who may use it, and the card that replaces the clicked one.
 */
export interface CardAction<S extends z.ZodTypeAny = z.ZodTypeAny> {
  verb: Verb;
  schema: S;
  adminOnly?: boolean;
  handle(ctx: ActionContext<z.infer<S>>): Promise<CardJson>;
}

/** Keeps the schema's type attached to the handler when actions are put in one list. */
export function defineAction<S extends z.ZodTypeAny>(action: CardAction<S>): CardAction<S> {
  return action;
}
