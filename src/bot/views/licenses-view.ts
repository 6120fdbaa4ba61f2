import { licensesCardData } from '../cards/licenses';
import { renderCard, type CardJson } from '../cards/render';
import { spendCardData } from '../cards/spend';
import type { BotServices } from '../services';

/** The licenses card; the licenses not managed only when asked (`Show unmanaged`). */
export async function licensesCard(
  services: Pick<BotServices, 'insights' | 'now' | 'banner'>,
  showUnmanaged: boolean,
): Promise<CardJson> {
  const { insights } = services;
  const now = services.now();
  const policy = await insights.policy();
  const [spend, usage] = [await insights.spend(policy, now), await insights.differentiation(policy, now)];
  return renderCard(
    'licenses',
    licensesCardData({ lines: spend.lines, usage, showUnmanaged, banner: services.banner }),
  );
}

/** The spend card; the licenses not managed only when asked. */
export async function spendCard(
  services: Pick<BotServices, 'insights' | 'now' | 'banner'>,
  showUnmanaged: boolean,
): Promise<CardJson> {
  const { insights } = services;
  const spend = await insights.spend(await insights.policy(), services.now());
  return renderCard('spend', spendCardData({ spend, showUnmanaged, banner: services.banner }));
}
