import { Brackets, type DataSource } from 'typeorm';
import { AuditEvent, ReclamationRequest } from './entities';
import { recordForeignActivity } from './foreign-activity';

/** The audit history as the bot reads and adds to it, beside what each change records in its own transaction. */
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** A refused admin-only command or card action: who, what, and why. */
  async refusal(e: { at: Date; actor: string; action: string; subject: string; reason: string }): Promise<void> {
    await this.dataSource.getRepository(AuditEvent).insert({
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      subjectType: 'command',
      subjectId: e.subject,
      requestId: null,
      outcome: 'refused',
      detail: { reason: e.reason },
    });
  }

  /** An activity refused because it came from another tenant, counted per tenant and hour (foreign-activity.ts). */
  foreignActivity(tenant: string | undefined, at: Date): Promise<void> {
    return recordForeignActivity(this.dataSource, tenant, at);
  }

  /**
   * The newest `take` events about one user, newest first: those naming the user (by object id or
   * the UPN asked for) and those of their reclamation requests; `total` counts them all.
   */
  async ofUser(user: { id: string; upn: string }, take: number): Promise<{ events: AuditEvent[]; total: number }> {
    const requests = await this.dataSource
      .getRepository(ReclamationRequest)
      .find({ where: { userId: user.id }, select: { id: true } });
    const [events, total] = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where(
        new Brackets((w) => {
          w.where('e.subjectType = :user AND e.subjectId IN (:...ids)', { user: 'user', ids: [user.id, user.upn] });
          if (requests.length) w.orWhere('e.requestId IN (:...requests)', { requests: requests.map((r) => r.id) });
        }),
      )
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(take)
      .getManyAndCount();
    return { events, total };
  }
}
