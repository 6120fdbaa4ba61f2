/**
 * Activity scenarios: each user is generated from one, and the ground truth reports it. Together they
 * cover every span of inactivity the product's rules cut through, plus the traps: failed-only recent
 * sign-ins (lastSignInDateTime counts failures, docs/graph-behaviour.md §2.3), activity in the reports without any
 * interactive sign-in in the last 30 days, and sign-ins without any app activity ("Sign in to
 * M365 Domain" while "Last Activity" is Never: docs/product-rules.md R25).
 */
export const Scenario = {
  activeRecent: 0,
  activeMonth: 1,
  inactive30: 2,
  inactive60: 3,
  inactive90: 4,
  inactive180: 5,
  inactive365: 6,
  neverOld: 7,
  neverNew: 8,
  failedOnly: 9,
  reportOnly: 10,
  signInOnly: 11,
  mailboxOnly: 12,
  dormant: 13,
} as const;

export type ScenarioId = (typeof Scenario)[keyof typeof Scenario];

export const SCENARIO_NAMES: readonly string[] = [
  'active-last-7-days',
  'active-last-30-days',
  'inactive-30-59-days',
  'inactive-60-89-days',
  'inactive-90-179-days',
  'inactive-180-364-days',
  'inactive-365-days-or-more',
  'never-signed-in-old-account',
  'never-signed-in-new-account',
  'failed-sign-ins-only-recently',
  'app-activity-without-recent-interactive-sign-in',
  'sign-ins-without-app-activity',
  'mailbox-without-sign-in',
  'agent-without-activity',
];

/** Days since last activity for scenarios with a plain activity span: [min, max). */
export const SPAN_DAYS: Readonly<Partial<Record<ScenarioId, readonly [number, number]>>> = {
  [Scenario.activeRecent]: [0.05, 6],
  [Scenario.activeMonth]: [7, 29],
  [Scenario.inactive30]: [30, 59],
  [Scenario.inactive60]: [60, 89],
  [Scenario.inactive90]: [90, 179],
  [Scenario.inactive180]: [180, 364],
  [Scenario.inactive365]: [365, 900],
  [Scenario.failedOnly]: [40, 200],
  [Scenario.reportOnly]: [0.5, 10],
  [Scenario.signInOnly]: [0.5, 20],
  [Scenario.mailboxOnly]: [0.5, 40],
};

/** Member scenario weights (sum 1): most people are active, every inactive span is represented. */
export const MEMBER_SCENARIO_WEIGHTS: readonly (readonly [ScenarioId, number])[] = [
  [Scenario.activeRecent, 0.55],
  [Scenario.activeMonth, 0.08],
  [Scenario.inactive30, 0.05],
  [Scenario.inactive60, 0.05],
  [Scenario.inactive90, 0.06],
  [Scenario.inactive180, 0.04],
  [Scenario.inactive365, 0.03],
  [Scenario.neverOld, 0.04],
  [Scenario.neverNew, 0.015],
  [Scenario.failedOnly, 0.02],
  [Scenario.reportOnly, 0.03],
  [Scenario.signInOnly, 0.025],
];

export const GUEST_SCENARIO_WEIGHTS: readonly (readonly [ScenarioId, number])[] = [
  [Scenario.activeRecent, 0.2],
  [Scenario.activeMonth, 0.1],
  [Scenario.inactive60, 0.1],
  [Scenario.inactive90, 0.15],
  [Scenario.inactive180, 0.15],
  [Scenario.inactive365, 0.1],
  [Scenario.neverOld, 0.2],
];

export function pickWeighted(r: number, weights: readonly (readonly [ScenarioId, number])[]): ScenarioId {
  let acc = 0;
  for (const [scenario, weight] of weights) {
    acc += weight;
    if (r < acc) return scenario;
  }
  const last = weights[weights.length - 1];
  if (!last) throw new RangeError('no weights');
  return last[0];
}
