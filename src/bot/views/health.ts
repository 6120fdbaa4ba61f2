import type { DataSource } from 'typeorm';
import { downgrades, type CurrencyAmount, type Policy } from '../../insights';
import { ReclamationRequest, TaskRuns } from '../../store';
import { TASK_TITLES } from '../cards/runs';
import { sumByCurrency } from '../money';

/** The last run of each task: data freshness on the summary and the digest. */
export async function taskHealth(store: DataSource): Promise<{ task: string; status: string | null; finishedAt: string | null }[]> {
  const runs = new TaskRuns(store);
  const out = [];
  for (const task of Object.keys(TASK_TITLES)) {
    const [last] = await runs.latest(task, 1);
    out.push({ task, status: last?.status ?? null, finishedAt: last?.finishedAt ?? null });
  }
  return out;
}

/** Reclamation requests waiting for their approver, and the oldest one's age. */
export async function pendingApprovals(store: DataSource): Promise<{ pending: number; oldestCreatedAt: string | null }> {
  const repo = store.getRepository(ReclamationRequest);
  const [oldest] = await repo.find({ where: { state: 'requested' }, order: { createdAt: 'ASC' }, take: 1, select: { id: true, createdAt: true } });
  return { pending: await repo.countBy({ state: 'requested' }), oldestCreatedAt: oldest?.createdAt ?? null };
}

/** How many users a cheaper owned SKU would cover, and what that saves a month. */
export async function downgradePotential(store: DataSource, policy: Policy, now: Date): Promise<{ users: number; monthlySaving: CurrencyAmount[] }> {
  const page = await downgrades(store, { page: 1, pageSize: 1 }, policy, now);
  return { users: page.total, monthlySaving: sumByCurrency(page.groups.map((g) => g.monthlySaving)) };
}
