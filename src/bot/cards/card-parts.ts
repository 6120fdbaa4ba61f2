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

/**
 * Licenses not selected as managed are left out of every count (docs/product-rules.md R15): cards leave them out
 * too, and this button shows them, marked, or hides them again. No button when there are none.
 */
export interface UnmanagedToggle {
  /** How many SKUs are not managed; 0 hides the button. */
  unmanaged: number;
  toggle: TitledAction<{ unmanaged: boolean }>;
}

export function unmanagedToggle(verb: Verb, unmanaged: number, shown: boolean): UnmanagedToggle {
  return {
    unmanaged,
    toggle: { title: shown ? 'Hide unmanaged' : `Show unmanaged (${unmanaged})`, verb, data: { unmanaged: !shown } },
  };
}

/** `name (unmanaged)` for a license left out of every count. */
export const markUnmanaged = (name: string, managed: boolean): string =>
  managed ? name : `${name} (unmanaged: not counted)`;
