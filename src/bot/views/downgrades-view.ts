import { downgradesCardData } from '../cards/downgrades';
import { renderCard, type CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';
import { PAGE_SIZE } from './findings-view';

/** One page of downgrade candidates as a card, with the overlapping licenses; past the end shows the last page and says so. */
export async function downgradesCard(
  services: Pick<BotServices, 'insights' | 'now' | 'banner' | 'admins'>,
  requested: number,
  caller: Caller,
): Promise<CardJson> {
  const { insights } = services;
  const now = services.now();
  const policy = await insights.policy();
  const read = await insights.downgradesAndOverlaps(
    { downgrades: { page: requested, pageSize: PAGE_SIZE }, overlaps: { pageSize: 1 } },
    policy,
    now,
  );
  let page = read.downgrades;
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  let notice: string | undefined;
  if (requested > pages) {
    page = await insights.downgrades({ page: pages, pageSize: PAGE_SIZE }, policy, now);
    notice = `The list changed since that card was sent: it now has ${pages} page(s). This is the last one.`;
  }
  // Only admins may request a downgrade: the buttons are shown to them (and checked again on click).
  const request = caller.aadObjectId ? (await services.admins.check(caller.aadObjectId)).admin : false;
  return renderCard(
    'downgrades',
    downgradesCardData({
      page,
      request,
      overlaps: read.overlaps,
      banner: services.banner,
      ...(notice ? { notice } : {}),
    }),
  );
}
