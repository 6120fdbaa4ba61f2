import { In, Not } from 'typeorm';
import { OPEN_REQUEST_STATES, ReclamationRequest, TenantUser } from '../../store';
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
  const { dataSource, now, banner } = services;
  const me = viewer ?? '';
  const admin = (await services.admins.check(me || undefined)).admin;
  const mine = admin ? [{}] : [{ approverId: me }, { requestedBy: me }];
  const repo = dataSource.getRepository(ReclamationRequest);
  const pending = await repo.find({ where: mine.map((w) => ({ ...w, state: In([...OPEN_REQUEST_STATES]) })), order: { createdAt: 'ASC' }, take: SHOWN });
  const recent = await repo.find({ where: mine.map((w) => ({ ...w, state: Not(In([...OPEN_REQUEST_STATES])) })), order: { updatedAt: 'DESC' }, take: SHOWN });
  const ids = [...new Set([...pending, ...recent].flatMap((r) => [r.approverId, r.requestedBy]))];
  const names = new Map((ids.length ? await dataSource.getRepository(TenantUser).findBy({ id: In(ids) }) : []).map((u) => [u.id, u.displayName ?? u.userPrincipalName]));
  return renderCard('approvals', approvalsCardData({
    pending, recent, names, now: now(), banner, viewer: me, notice,
    scope: admin ? 'Every reclamation request (you are an admin).' : 'Requests you approve or asked for.',
  }));
}
