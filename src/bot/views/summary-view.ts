import type { TurnContext } from 'botbuilder';
import { renderCard, type CardJson } from '../cards/render';
import { TASK_TITLES } from '../cards/runs';
import { summaryCardData } from '../cards/summary';
import type { BotServices } from '../services';
import { publicBaseUrl } from '../turn-info';

/**
 * The summary card: counts, waste, downgrades, approvals, freshness, the list buttons, and an
 * "Export Users tab" link (every Users-tab column of every user) when the turn says where this
 * server is reached.
 */
export async function summaryCard(
  services: Pick<BotServices, 'insights' | 'now' | 'banner' | 'exportLinks'>,
  turn?: TurnContext,
  requestedBy = 'unknown',
): Promise<CardJson> {
  const now = services.now();
  const base = turn ? publicBaseUrl(turn) : null;
  const usersExportUrl = base ? await services.exportLinks.link(base, { list: 'users' }, requestedBy) : '';
  const policy = await services.insights.policy();
  const data = summaryCardData({
    ...(await services.insights.summaryOverview(policy, now, Object.keys(TASK_TITLES))),
    thresholdDays: policy.inactiveDays,
    usersExportUrl,
    now,
    banner: services.banner,
  });
  return renderCard('summary', data);
}
