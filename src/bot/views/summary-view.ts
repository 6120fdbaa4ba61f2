import { renderCard, type CardJson } from '../cards/render';
import { TASK_TITLES } from '../cards/runs';
import { summaryCardData } from '../cards/summary';
import type { BotServices } from '../services';

/** The summary card: counts, waste, downgrades, approvals, freshness and the list buttons. */
export async function summaryCard(services: Pick<BotServices, 'insights' | 'now' | 'banner'>): Promise<CardJson> {
  const now = services.now();
  const policy = await services.insights.policy();
  const data = summaryCardData({
    ...(await services.insights.summaryOverview(policy, now, Object.keys(TASK_TITLES))),
    thresholdDays: policy.inactiveDays,
    now,
    banner: services.banner,
  });
  return renderCard('summary', data);
}
