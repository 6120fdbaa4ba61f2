import { approvalsCardData } from '../cards/approvals';
import { renderCard, type CardJson } from '../cards/render';
import type { BotServices } from '../services';

/** Rows per section: far below the 28 KB card limit. */
const SHOWN = 15;

/**
 * The `approvals` card for one viewer: pending requests (oldest first, with their age) and the
 * latest outcomes. Admins see every request; anyone else the requests they approve or asked for.
 * The viewer's own undecided requests carry a toggle each, to decide several with one click.
 */
export async function approvalsView(services: BotServices, viewer: string | undefined, notice = ''): Promise<CardJson> {
  const { now, banner } = services;
  const me = viewer ?? '';
  const admin = (await services.admins.check(me || undefined)).admin;
  const { pending, recent } = await services.reclamation.approvals(admin ? null : me, SHOWN);
  const names = await services.users.namesOf([
    ...new Set([...pending, ...recent].flatMap((r) => [r.approverId, r.requestedBy])),
  ]);
  return renderCard(
    'approvals',
    approvalsCardData({
      pending,
      recent,
      names,
      now: now(),
      banner,
      viewer: me,
      notice,
      scope: admin ? 'Every reclamation request (you are an admin).' : 'Requests you approve or asked for.',
    }),
  );
}
