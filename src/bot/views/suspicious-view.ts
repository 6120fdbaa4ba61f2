import { renderCard, type CardJson } from '../cards/render';
import { suspiciousCardData } from '../cards/suspicious';
import type { BotServices } from '../services';

/** Rows per page. */
export const SUSPICIOUS_PAGE_SIZE = 10;

/** One page of the suspicious activities (a page past the end shows the last one). */
export async function suspiciousCard(
  services: Pick<BotServices, 'insights' | 'banner'>,
  page: number,
): Promise<CardJson> {
  let p = await services.insights.suspicious({ page, pageSize: SUSPICIOUS_PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(p.total / SUSPICIOUS_PAGE_SIZE));
  const past = page > pages;
  if (past) p = await services.insights.suspicious({ page: pages, pageSize: SUSPICIOUS_PAGE_SIZE });
  const notice = past
    ? `The list changed since that card was sent: it now has ${pages} page(s). This is the last one.`
    : undefined;
  return renderCard(
    'suspicious',
    suspiciousCardData({ page: p, ...(notice ? { notice } : {}), banner: services.banner }),
  );
}
