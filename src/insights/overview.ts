import type { DataSource } from 'typeorm';
import { ReclamationRequests, SuspiciousActivity, TaskRuns } from '../store';
import { copilotOverview } from './copilot/overview';
import type { CopilotOverview } from './copilot/types';
import { downgrades } from './downgrades-query';
import { listFindings } from './list';
import { sortValue, sumByCurrency } from './money';
import type { Policy } from './policy';
import { summary } from './summary';
import { FINDING_KINDS, type CurrencyAmount, type Finding, type InsightsSummary } from './types';

/*
 * The numbers the summary card and the weekly digest show beside the findings: what downgrades
 * would save, requests waiting for a decision, and how fresh the data is.
 */

const WEEK_MS = 7 * 86_400_000;
/** The digest names the five most expensive idle licenses. */
const TOP_IDLE = 5;

export interface DowngradePotential {
  users: number;
  monthlySaving: CurrencyAmount[];
}

export interface AwaitingApproval {
  pending: number;
  oldestCreatedAt: string | null;
}

/** The last run of a task. */
export interface TaskHealth {
  task: string;
  status: string | null;
  finishedAt: string | null;
}

/** What the summary card shows. */
export interface Overview {
  summary: InsightsSummary;
  downgrades: DowngradePotential;
  approvals: AwaitingApproval;
  tasks: TaskHealth[];
  /** Microsoft 365 Copilot seats; null when the tenant has no managed Copilot license. */
  copilot: CopilotOverview | null;
}

/** The license holders' step over the week: asked, and how they answered (or could not be asked). */
export interface HolderWeek {
  asked: number;
  released: number;
  kept: number;
  unanswered: number;
  unreachable: number;
}

/** What a digest shows (the bot adds when it stands for and last week's headline). */
export interface DigestNumbers extends Overview {
  savingsThisWeek: CurrencyAmount[];
  holders: HolderWeek;
  /** The most expensive flagged users over the three findings. */
  topIdle: Finding[];
  suspicious: number;
}

/** How many users a cheaper owned SKU would cover, and what that saves a month. */
async function downgradePotential(store: DataSource, policy: Policy, now: Date): Promise<DowngradePotential> {
  const page = await downgrades(store, { page: 1, pageSize: 1 }, policy, now);
  return { users: page.total, monthlySaving: sumByCurrency(page.groups.map((g) => g.monthlySaving)) };
}

/** The last run of each task named: data freshness. */
async function taskHealth(store: DataSource, tasks: readonly string[]): Promise<TaskHealth[]> {
  const runs = new TaskRuns(store);
  const out = [];
  for (const task of tasks) {
    const [last] = await runs.latest(task, 1);
    out.push({ task, status: last?.status ?? null, finishedAt: last?.finishedAt ?? null });
  }
  return out;
}

/** The most expensive flagged users over the three findings. */
async function topIdle(store: DataSource, policy: Policy, now: Date): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const kind of FINDING_KINDS)
    found.push(...(await listFindings(store, { kind, page: 1, pageSize: TOP_IDLE, sort: 'cost' }, policy, now)).items);
  return found.sort((a, b) => sortValue(b.monthlyCost) - sortValue(a.monthlyCost)).slice(0, TOP_IDLE);
}

/** Monthly cost of licenses reclaimed in the last seven days (not undone, not dry runs). */
async function savedThisWeek(store: DataSource, now: Date): Promise<CurrencyAmount[]> {
  const reclaimed = await new ReclamationRequests(store).reclaimedSince(new Date(now.getTime() - WEEK_MS));
  return sumByCurrency(reclaimed.map((r) => ({ currency: r.currency!, amount: r.monthlySaving! })));
}

async function copilotLine(store: DataSource, policy: Policy, now: Date): Promise<CopilotOverview | null> {
  const copilot = await copilotOverview(store, policy, now);
  return copilot.skus.length ? copilot : null;
}

/** The summary card's numbers; `tasks` names the tasks whose last run it shows. */
export async function overview(
  store: DataSource,
  policy: Policy,
  now: Date,
  tasks: readonly string[],
): Promise<Overview> {
  return {
    summary: await summary(store, policy, now),
    downgrades: await downgradePotential(store, policy, now),
    approvals: await new ReclamationRequests(store).awaitingApproval(),
    tasks: await taskHealth(store, tasks),
    copilot: await copilotLine(store, policy, now),
  };
}

/** Everything a digest counts: one summary, the week's savings, the top idle licenses, downgrades, approvals, task health, suspicious activity. */
export async function digestNumbers(
  store: DataSource,
  policy: Policy,
  now: Date,
  tasks: readonly string[],
): Promise<DigestNumbers> {
  return {
    summary: await summary(store, policy, now),
    savingsThisWeek: await savedThisWeek(store, now),
    holders: await new ReclamationRequests(store).holderCounts(new Date(now.getTime() - WEEK_MS)),
    topIdle: await topIdle(store, policy, now),
    downgrades: await downgradePotential(store, policy, now),
    approvals: await new ReclamationRequests(store).awaitingApproval(),
    tasks: await taskHealth(store, tasks),
    suspicious: await store.getRepository(SuspiciousActivity).count(),
    copilot: await copilotLine(store, policy, now),
  };
}
