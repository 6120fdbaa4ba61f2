import type { TurnContext } from 'botbuilder';
import { findingsCardData, type FindingsPageData } from '../cards/findings';
import { renderCard, type CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';
import { publicBaseUrl } from '../turn-info';

/** Rows per page: ten users with their evidence stay far below the 28 KB card limit. */
export const PAGE_SIZE = 10;

/**
 * One page of a finding list as a card. A page past the end (the list shrank since the card was
 * sent) shows the last page and says so, rather than an empty list.
 */
export async function findingsCard(
  services: BotServices,
  turn: TurnContext,
  caller: Caller,
  request: FindingsPageData,
): Promise<CardJson> {
  const { insights } = services;
  const now = services.now();
  const policy = await insights.policy();
  const effective = request.days ? { ...policy, inactiveDays: request.days } : policy;
  const status = request.excluded ? 'excluded' : 'flagged';
  let page = await insights.findings(
    { kind: request.list, status, page: request.page, pageSize: PAGE_SIZE, sort: 'cost' },
    effective,
    now,
  );
  let notice: string | undefined;
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  if (request.page > pages) {
    page = await insights.findings(
      { kind: request.list, status, page: pages, pageSize: PAGE_SIZE, sort: 'cost' },
      effective,
      now,
    );
    notice = `The list changed since that card was sent: it now has ${pages} page(s). This is the last one.`;
  }
  // Excluded users are shown, never dropped: the flagged list says how many there are and opens them.
  const excludedCount = request.excluded
    ? undefined
    : (await insights.findings({ kind: request.list, status: 'excluded', page: 1, pageSize: 1 }, effective, now)).total;
  const base = publicBaseUrl(turn);
  // The export is of the flagged list (`npm run report -- <list> --status excluded` exports the others).
  const exportUrl =
    base && page.total && !request.excluded
      ? await services.exportLinks.link(
          base,
          { list: request.list, ...(request.days ? { days: request.days } : {}) },
          caller.aadObjectId ?? 'unknown',
        )
      : null;
  // Only admins may request reclamation: the buttons are shown to them (and checked again on click).
  const reclaim = caller.aadObjectId ? (await services.admins.check(caller.aadObjectId)).admin : false;
  // Asking the holders first, in bulk, is offered when the policy has them asked.
  const ask = reclaim && (await services.reclamation.settings.get()).askHolder;
  return renderCard(
    'findings',
    findingsCardData({
      page,
      reclaim,
      ask,
      excludedCount,
      thresholdDays: effective.inactiveDays,
      ...(request.days ? { days: request.days } : {}),
      now,
      banner: services.banner,
      exportUrl,
      ...(notice ? { notice } : {}),
    }),
  );
}
