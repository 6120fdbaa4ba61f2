import type { TurnContext } from 'botbuilder';
import { differentiationCardData, type DifferentiationPageData } from '../cards/differentiation';
import { errorCardData } from '../cards/error';
import { renderCard, type CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';
import { publicBaseUrl } from '../turn-info';

/** Rows per page: ten users and licenses, each with its applications, stay far below the 28 KB limit. */
export const DIFFERENTIATION_PAGE_SIZE = 10;

/**
 * One page of the license differentiation as a card, with an "Export CSV" link of the whole list
 * (of the license type asked for). An unknown or unmanaged license type gets an error card naming
 * the managed ones; a page past the end shows the last one.
 */
export async function differentiationCard(
  services: BotServices,
  turn: TurnContext,
  caller: Caller,
  request: DifferentiationPageData,
): Promise<CardJson> {
  const { insights } = services;
  const now = services.now();
  const policy = await insights.policy();
  const read = (page: number) =>
    insights.differentiationUsers(policy, now, {
      ...(request.sku ? { sku: request.sku } : {}),
      page,
      pageSize: DIFFERENTIATION_PAGE_SIZE,
    });
  let page = await read(request.page);
  if ('error' in page)
    return renderCard(
      'error',
      errorCardData({ title: 'No such license type', message: page.error, example: 'differentiation SPE_E3' }),
    );
  let notice: string | undefined;
  const pages = Math.max(1, Math.ceil(page.total / DIFFERENTIATION_PAGE_SIZE));
  if (request.page > pages) {
    const last = await read(pages);
    if (!('error' in last)) page = last;
    notice = `The list changed since that card was sent: it now has ${pages} page(s). This is the last one.`;
  }
  const base = publicBaseUrl(turn);
  const exportUrl =
    base && page.total
      ? await services.exportLinks.link(
          base,
          { list: 'differentiation', ...(request.sku ? { sku: page.skus[0]?.skuPartNumber ?? request.sku } : {}) },
          caller.aadObjectId ?? 'unknown',
        )
      : null;
  return renderCard(
    'differentiation',
    differentiationCardData({
      page,
      ...(request.sku ? { sku: request.sku } : {}),
      exportUrl,
      ...(notice ? { notice } : {}),
      banner: services.banner,
    }),
  );
}
