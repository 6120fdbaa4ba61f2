import type { Verb } from '../actions/verbs';

/** Shapes several cards' data share; each card's own type is beside its builder. */

/** A row of a FactSet. */
export interface Fact {
  title: string;
  value: string;
}

/** An `Action.Execute` without data: the verb its handler registers under (actions/verbs.ts). */
export interface CardVerb {
  verb: Verb;
}

/** An `Action.Execute` and what it carries back, which the handler's schema validates. */
export interface CardAction<D> extends CardVerb {
  data: D;
}

/** The top of a paged list card (findings, downgrades); the template hides each empty one. */
export interface ListCardTop {
  title: string;
  subtitle: string;
  /** `n users · page p of q`. */
  status: string;
  banner: string;
  /** E.g. that the list changed since the card was sent. */
  notice: string;
  /** Shown instead of rows. */
  empty: string;
}

/** A button whose title the builder writes (e.g. with a count). */
export interface TitledAction<D> extends CardAction<D> {
  title: string;
}
