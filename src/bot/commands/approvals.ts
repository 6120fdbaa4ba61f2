import { In, Not } from 'typeorm';
import { ReclamationRequest, TenantUser } from '../../store';
import { approvalsCardData } from '../cards/approvals';
import { cardAttachment } from '../cards/render';
import { noArguments, type Command, type CommandContext } from './command';

const PENDING = ['requested', 'approved', 'executing', 'failed'];
/** Rows per section: far below the 28 KB card limit. */
const SHOWN = 15;

/**
 * `approvals`: pending requests (oldest first, with their age) and the latest outcomes. Admins see
 * every request; anyone else the requests they approve or asked for.
 */
export const approvalsCommand: Command = {
  name: 'approvals',
  usage: 'approvals',
  description: 'Reclamation requests waiting for a decision (with their age) and recent outcomes.',
  async handle(ctx: CommandContext) {
    noArguments(ctx, 'approvals');
    const { dataSource, now, banner } = ctx.services;
    const me = ctx.caller.aadObjectId ?? '';
    const admin = (await ctx.services.admins.check(me || undefined)).admin;
    const mine = admin ? [{}] : [{ approverId: me }, { requestedBy: me }];
    const repo = dataSource.getRepository(ReclamationRequest);
    const pending = await repo.find({ where: mine.map((w) => ({ ...w, state: In(PENDING) })), order: { createdAt: 'ASC' }, take: SHOWN });
    const recent = await repo.find({ where: mine.map((w) => ({ ...w, state: Not(In(PENDING)) })), order: { updatedAt: 'DESC' }, take: SHOWN });
    const ids = [...new Set([...pending, ...recent].flatMap((r) => [r.approverId, r.requestedBy]))];
    const names = new Map((ids.length ? await dataSource.getRepository(TenantUser).findBy({ id: In(ids) }) : []).map((u) => [u.id, u.displayName ?? u.userPrincipalName]));
    const data = approvalsCardData({
      pending, recent, names, now: now(), banner,
      scope: admin ? 'Every reclamation request (you are an admin).' : 'Requests you approve or asked for.',
    });
    await ctx.turn.sendActivity({ attachments: [cardAttachment('approvals', data)] });
  },
};
