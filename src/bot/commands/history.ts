import { Brackets, In } from 'typeorm';
import { AuditEvent, ReclamationRequest, TenantUser } from '../../store';
import { historyCardData } from '../cards/history';
import { cardAttachment } from '../cards/render';
import type { Command, CommandContext } from './command';
import { findUserByUpn, unknownUserCard, upnArgument } from './upn-argument';

/** Newest events shown; older ones are counted, not listed (28 KB card limit). */
const SHOWN = 15;

/** `history <upn>`: the audit history of one user (requests, approvals, reclamations, undo). Read-only. */
export const historyCommand: Command = {
  name: 'history',
  usage: 'history <upn>',
  description: 'Everything recorded about one user: requests, approvals, reclamations.',
  async handle(ctx: CommandContext) {
    const { upn } = upnArgument(ctx.args, 'history');
    const { dataSource } = ctx.services;
    const user = await findUserByUpn(dataSource, upn);
    if (!user) {
      await ctx.turn.sendActivity({ attachments: [unknownUserCard(upn)] });
      return;
    }
    const requests = await dataSource.getRepository(ReclamationRequest).find({ where: { userId: user.id }, select: { id: true } });
    const query = dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where(new Brackets((w) => {
        w.where('e.subjectType = :user AND e.subjectId IN (:...ids)', { user: 'user', ids: [user.id, upn] });
        if (requests.length) w.orWhere('e.requestId IN (:...requests)', { requests: requests.map((r) => r.id) });
      }))
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC');
    const [events, total] = await query.take(SHOWN).getManyAndCount();
    const actorIds = [...new Set(events.map((e) => e.actor).filter((a) => a !== 'system'))];
    const actors = new Map((actorIds.length ? await dataSource.getRepository(TenantUser).findBy({ id: In(actorIds) }) : []).map((u) => [u.id, u.displayName ?? u.userPrincipalName]));
    const data = historyCardData({ upn: user.userPrincipalName, displayName: user.displayName, events, more: total - events.length, actors });
    await ctx.turn.sendActivity({ attachments: [cardAttachment('history', data)] });
  },
};
