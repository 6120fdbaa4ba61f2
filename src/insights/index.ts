/**
 * Insights (docs/product-rules.md R26–R31): which licenses are wasted, why, and what they cost. Pure rules over facts
 * (`classify`, `spend`, `downgrade`), evaluated in the database for lists and counts; everything the
 * bot, the CLI and the digest need is exported here. `store` is the TypeORM DataSource of `openStore`.
 */
export type * from './types';
export { CHANGE_KIND, COPILOT_IDLE, FINDING_KIND, FINDING_KINDS, USER_STATE, isFindingKind } from './types';
export {
  DEFAULT_POLICY,
  POLICY_DESCRIPTIONS,
  POLICY_KEYS,
  formatPolicyValue,
  parsePolicyValue,
  type Policy,
} from './policy';
/** Reads and changes the policy (and the managed-SKU selection), one audit row per change. */
export { PolicyStore, type PolicyView } from './policy-store';
/** Reads and sets license cost details per SKU (docs/product-rules.md R16): one entry, or a CSV file all-or-nothing; audited. */
export { LicenseCosts, type SkuCost } from './license-costs';
/** The ISO 4217 codes a cost may be entered in (the Teams form's choices). */
export { CURRENCY_CODES } from './cost-entry';
/** Counts per finding kind (flagged / excluded), waste and savings per currency, data confidence. */
export { summary } from './summary';
/** One page of a finding list, computed and sorted in the database; whole lists and all users streamed for exports. */
export { listFindings, exportFindings, exportUsers } from './list';
/** Everything about one user (by id or UPN): state, evidence, licenses, exclusions; null if unknown. */
export { userFinding } from './user';
/** License cost per SKU normalised to a month, flags for expired / not-yet-effective, totals per currency. */
export { spendSummary } from './spend-summary';
/** Users whose used services a cheaper owned SKU covers, and users holding overlapping SKUs. */
export { downgrades, overlaps, userDowngrade, userOverlap } from './downgrades-query';
/** Per managed SKU: holders active in each of the 11 services in 30 / 90 days. */
export { differentiation } from './differentiation';
/** User by user: each managed license a user holds, with the last activity of each of the 11 applications; filter by SKU, page, export. */
export {
  DIFFERENTIATION_HEADER,
  differentiationCells,
  type DifferentiationUserPage,
  type DifferentiationUserRow,
} from './differentiation-users';
export { prepareUsageSnapshot } from './usage-snapshot';
/** Application Task Tracking: the five tasks (docs/product-rules.md R1, R5) with their last runs, status, counts and duration. */
export { TRACKED_TASKS, type TaskTracking } from './task-tracking';
/** Report rows with concealed user names, which no user could be matched to (docs/product-rules.md R14). */
export type { SuspiciousPage } from './suspicious';
/** The same reads bound to one store, for the bot; and the numbers its summary and digest show beside the findings. */
export { Insights } from './insights';
/** Microsoft 365 Copilot seats: the idle-seat rule, the holders explained, the card's and the summary's numbers. */
export * from './copilot';
export type { HolderWeek } from './overview';
/** Exact sums (and week-on-week differences) of decimal amounts per currency. */
export { differenceByCurrency, sumByCurrency } from './money';
/** CSV text of findings or of all users (header + rows), for exports. */
export { csvLine, findingCsvHeader, findingCsvRow, userCsvHeader, userCsvRow } from './csv';
