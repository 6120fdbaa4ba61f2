import type { DataSource } from 'typeorm';
import {
  copilotOverview,
  copilotSeat,
  copilotSeatPage,
  type CopilotOverview,
  type CopilotSeat,
  type CopilotSeatPage,
} from './copilot';
import type { CostEntryInput } from './cost-entry';
import { differentiation } from './differentiation';
import { differentiationUsers, type DifferentiationUserPage } from './differentiation-users';
import { LicenseCosts, type CostChange, type SkuCost } from './license-costs';
import { suspiciousActivities, type SuspiciousPage } from './suspicious';
import { taskTracking, type TaskTracking } from './task-tracking';
import { downgrades, downgradesAndOverlaps, type PageOptions } from './downgrades-query';
import { exportFindings, exportUsers, listFindings, type ExportOptions, type UserExportOptions } from './list';
import { digestNumbers, overview, type DigestNumbers, type Overview } from './overview';
import type { Policy } from './policy';
import { PolicyStore, type PolicyChange, type PolicyView } from './policy-store';
import { spendSummary } from './spend-summary';
import { userFinding } from './user';
import type {
  DifferentiationRow,
  DowngradePage,
  Finding,
  FindingPage,
  ListOptions,
  OverlapPage,
  SpendSummary,
  UserInsight,
} from './types';

/**
 * The insights over one store, for callers that should not hold the store itself (the bot): the
 * policy, and every read of the rules, each with the policy and clock the caller passes, so that
 * one card reads one policy throughout.
 */
export class Insights {
  private readonly policies: PolicyStore;
  private readonly costs: LicenseCosts;

  constructor(private readonly store: DataSource) {
    this.policies = new PolicyStore(store);
    this.costs = new LicenseCosts(store);
  }

  /** The policy in force. */
  policy(): Promise<Policy> {
    return this.policies.get();
  }

  /** The policy with each value's origin, and the managed-SKU selection. */
  policyView(): Promise<PolicyView> {
    return this.policies.view();
  }

  /** Changes one policy value from text, audited (refusals too). */
  setPolicy(key: string, text: string, actor: string, now: Date): Promise<PolicyChange> {
    return this.policies.set(key, text, actor, now);
  }

  summaryOverview(policy: Policy, now: Date, tasks: readonly string[]): Promise<Overview> {
    return overview(this.store, policy, now, tasks);
  }

  digest(policy: Policy, now: Date, tasks: readonly string[]): Promise<DigestNumbers> {
    return digestNumbers(this.store, policy, now, tasks);
  }

  findings(options: ListOptions, policy: Policy, now: Date): Promise<FindingPage> {
    return listFindings(this.store, options, policy, now);
  }

  exportFindings(
    options: Omit<ListOptions, 'page' | 'pageSize'> & ExportOptions,
    policy: Policy,
    now: Date,
  ): AsyncGenerator<Finding> {
    return exportFindings(this.store, options, policy, now);
  }

  /** Everything about one user (by id or UPN); null if unknown. */
  user(idOrUpn: string, policy: Policy, now: Date): Promise<UserInsight | null> {
    return userFinding(this.store, idOrUpn, policy, now);
  }

  spend(policy: Policy, now: Date): Promise<SpendSummary> {
    return spendSummary(this.store, policy, now);
  }

  differentiation(policy: Policy, now: Date): Promise<DifferentiationRow[]> {
    return differentiation(this.store, policy, now);
  }

  downgrades(options: PageOptions, policy: Policy, now: Date): Promise<DowngradePage> {
    return downgrades(this.store, options, policy, now);
  }

  /** Microsoft 365 Copilot: seats, adoption, idle seats and what they cost, the waitlist's length. */
  copilot(policy: Policy, now: Date): Promise<CopilotOverview> {
    return copilotOverview(this.store, policy, now);
  }

  /** A page of idle Copilot seats, most idle first. */
  copilotSeats(options: { page: number; pageSize: number }, policy: Policy, now: Date): Promise<CopilotSeatPage> {
    return copilotSeatPage(this.store, options, policy, now);
  }

  /** One user's Copilot seat (by id or UPN); null when they hold none. */
  copilotSeat(idOrUpn: string, policy: Policy, now: Date): Promise<CopilotSeat | null> {
    return copilotSeat(this.store, idOrUpn, policy, now);
  }

  /** Every SKU with its cost in force (entered or list price) and the costs entered for it. */
  licenseCosts(now: Date): Promise<SkuCost[]> {
    return this.costs.list(now);
  }

  /** Adds an entered cost for one SKU, validated field by field and audited (refusals too). */
  setLicenseCost(input: CostEntryInput, actor: string, now: Date): Promise<CostChange> {
    return this.costs.set(input, actor, now);
  }

  /** License differentiation user by user; `{ error }` for a SKU that is not managed. */
  differentiationUsers(
    policy: Policy,
    now: Date,
    options: { sku?: string; page?: number; pageSize?: number },
  ): Promise<DifferentiationUserPage | { error: string }> {
    return differentiationUsers(this.store, policy, now, options);
  }

  /** Every user of the Users tab, streamed (the CSV export). */
  exportUsers(policy: Policy, now: Date, options: UserExportOptions): AsyncGenerator<UserInsight> {
    return exportUsers(this.store, policy, now, options);
  }

  /** Application Task Tracking: the five tasks with their last runs. */
  taskTracking(runsPerTask: number): Promise<TaskTracking[]> {
    return taskTracking(this.store, runsPerTask);
  }

  /** Report rows with concealed names, newest seen first. */
  suspicious(options: { page?: number; pageSize?: number }): Promise<SuspiciousPage> {
    return suspiciousActivities(this.store, options);
  }

  downgradesAndOverlaps(
    options: { downgrades: PageOptions; overlaps: PageOptions },
    policy: Policy,
    now: Date,
  ): Promise<{ downgrades: DowngradePage; overlaps: OverlapPage }> {
    return downgradesAndOverlaps(this.store, options, policy, now);
  }
}
