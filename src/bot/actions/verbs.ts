/**
 * Every Action.Execute verb, in one place: card data builders put these into the cards and the
 * handlers register under them, so a card and its handler cannot drift apart.
 */
export const VERBS = {
  /** Show the summary card (back from a list). */
  summary: 'summary.open',
  /** Show a page of a finding list (inactive / never / blocked); also the summary's list buttons. */
  findingsPage: 'findings.page',
  /** Show a page of the downgrade candidates. */
  downgradesPage: 'downgrades.page',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (ALL_VERBS as readonly string[]).includes(value);
}
