import type { CopilotWaitlistEntry } from '../../store';
import { copilotCardData } from '../cards/copilot';
import { copilotAssignCardData } from '../cards/copilot-assign';
import { copilotWaitlistCardData } from '../cards/copilot-waitlist';
import { renderCard, type CardJson } from '../cards/render';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';

/** Idle seats per page of the `copilot` card, and people per page of the waitlist: far below the 28 KB card limit. */
export const COPILOT_PAGE_SIZE = 10;
/** The first in line an admin sees on the `copilot` card. */
const FIRST_IN_LINE = 3;

/**
 * The `copilot` card for one viewer: seats, adoption, a page of idle seats (admins get Request
 * reclamation), and the waitlist as the viewer may see it. A page past the end shows the last one.
 */
export async function copilotCard(
  services: BotServices,
  caller: Caller,
  page: number,
  notice?: string,
): Promise<CardJson> {
  const { insights } = services;
  const now = services.now();
  const policy = await insights.policy();
  const viewer = caller.aadObjectId;
  const admin = viewer ? (await services.admins.check(viewer)).admin : false;
  const overview = await insights.copilot(policy, now);
  let seats = await insights.copilotSeats({ page, pageSize: COPILOT_PAGE_SIZE }, policy, now);
  const pages = Math.max(1, Math.ceil(seats.total / COPILOT_PAGE_SIZE));
  if (page > pages) {
    seats = await insights.copilotSeats({ page: pages, pageSize: COPILOT_PAGE_SIZE }, policy, now);
    notice ??= `The list changed since that card was sent: it now has ${pages} page(s). This is the last one.`;
  }
  const line = await services.copilot.list(1, FIRST_IN_LINE);
  const mine = viewer ? await services.copilot.placeOf(viewer) : null;
  const holder = viewer ? (await insights.copilotSeat(viewer, policy, now)) !== null : false;
  return renderCard(
    'copilot',
    copilotCardData({
      overview,
      page: seats,
      admin,
      now,
      banner: services.banner,
      ...(notice ? { notice } : {}),
      waitlist: {
        total: line.total,
        mine: mine?.position ?? null,
        holder,
        first: line.items.map(({ entry: e }) => ({
          name: e.displayName ?? e.userPrincipalName,
          upn: e.userPrincipalName,
          requestedAt: e.requestedAt,
          reason: e.reason,
          entryId: e.id,
        })),
      },
    }),
  );
}

/** The waitlist (admins), a page of it. */
export async function copilotWaitlistCard(services: BotServices, page: number): Promise<CardJson> {
  let list = await services.copilot.list(page, COPILOT_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(list.total / COPILOT_PAGE_SIZE));
  const past = page > pages;
  if (past) list = await services.copilot.list((page = pages), COPILOT_PAGE_SIZE);
  const { free } = await services.copilot.seats();
  const notice = past
    ? `The waitlist changed since that card was sent: it now has ${pages} page(s). This is the last one.`
    : undefined;
  return renderCard(
    'copilot-waitlist',
    copilotWaitlistCardData({
      ...list,
      page,
      pageSize: COPILOT_PAGE_SIZE,
      free,
      banner: services.banner,
      ...(notice ? { notice } : {}),
    }),
  );
}

/** The assignment card of one waitlist entry as it stands (preview while waiting), with why the last click did nothing. */
export async function copilotAssignCard(
  services: BotServices,
  entry: CopilotWaitlistEntry,
  refusal?: string,
): Promise<CardJson> {
  const [{ free }, position, overview] = await Promise.all([
    services.copilot.seats(),
    entry.state === 'waiting' ? services.copilot.waitlist.position(entry) : Promise.resolve(null),
    services.insights.policy().then((policy) => services.insights.copilot(policy, services.now())),
  ]);
  const perSeat = overview.skus.find((s) => s.monthlyCost)?.monthlyCost ?? null;
  return renderCard(
    'copilot-assign',
    copilotAssignCardData({
      entry,
      position,
      free,
      perSeat,
      admin: true,
      banner: services.banner,
      ...(refusal ? { refusal } : {}),
    }),
  );
}
