import { PolicyStore, summary } from '../../insights';
import { renderCard, type CardJson } from '../cards/render';
import { summaryCardData } from '../cards/summary';
import type { BotServices } from '../services';
import { downgradePotential, pendingApprovals, taskHealth } from './health';

/** The summary card: counts, waste, downgrades, approvals, freshness and the list buttons. */
export async function summaryCard(services: Pick<BotServices, 'dataSource' | 'now' | 'banner'>): Promise<CardJson> {
  const store = services.dataSource;
  const now = services.now();
  const policy = await new PolicyStore(store).get();
  const data = summaryCardData({
    summary: await summary(store, policy, now),
    thresholdDays: policy.inactiveDays,
    downgrades: await downgradePotential(store, policy, now),
    approvals: await pendingApprovals(store),
    tasks: await taskHealth(store),
    now,
    banner: services.banner,
  });
  return renderCard('summary', data);
}
