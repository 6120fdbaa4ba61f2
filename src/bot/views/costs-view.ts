import { CURRENCY_CODES } from '../../insights';
import { costFormCardData, costsCardData } from '../cards/costs';
import { errorCardData } from '../cards/error';
import { renderCard, type CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';

type Services = Pick<BotServices, 'insights' | 'now' | 'banner' | 'admins'>;

/** The costs card: everyone reads it; admins get an Edit button per license (checked again on click). */
export async function costsCard(services: Services, caller: Caller, notice?: string): Promise<CardJson> {
  const costs = await services.insights.licenseCosts(services.now());
  const canEdit = caller.aadObjectId ? (await services.admins.check(caller.aadObjectId)).admin : false;
  return renderCard('costs', costsCardData({ costs, canEdit, ...(notice ? { notice } : {}), banner: services.banner }));
}

/** The cost form of one license; a SKU the tenant no longer has gets an error card. */
export async function costFormCard(
  services: Services,
  skuId: string,
  retry?: { error: string; currency?: string; frequency?: string },
): Promise<CardJson> {
  const sku = (await services.insights.licenseCosts(services.now())).find((c) => c.skuId === skuId.toLowerCase());
  if (!sku) {
    return renderCard(
      'error',
      errorCardData({
        title: 'No such license',
        message: 'The tenant no longer subscribes to that license, so nothing was changed.',
        hint: 'Send `costs` for a fresh list.',
      }),
    );
  }
  return renderCard(
    'cost-form',
    costFormCardData({ sku, currencies: CURRENCY_CODES, banner: services.banner, ...(retry ?? {}) }),
  );
}
