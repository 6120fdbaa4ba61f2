import type { DataSource } from 'typeorm';
import { AuditEvent, ConsentRequest } from './entities';

export type ConsentOutcome = 'granted' | 'declined' | 'failed';

export interface NewConsentRequest {
  id: string;
  adminId: string;
  reference: Record<string, unknown>;
  createdAt: string;
  expiresAt: string;
}

export interface ConsentAnswer {
  outcome: ConsentOutcome;
  /** The tenant the answer is about, for the audit subject. */
  tenantId: string;
  detail: Record<string, unknown>;
}

export type CompletedConsent =
  { ok: true; request: ConsentRequest } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/**
 * Admin-consent round trips. The answer is taken once: one compare-and-set
 * (`UPDATE … WHERE id = ? AND completedAt IS NULL AND expiresAt > now`) in the same transaction as
 * its audit event, so of two deliveries of one redirect exactly one is recorded.
 */
export class ConsentRequests {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new round trip, and forgets those expired for a day (the audit history keeps the answers). */
  async create(request: NewConsentRequest): Promise<void> {
    const repository = this.dataSource.getRepository(ConsentRequest);
    const dayAgo = new Date(new Date(request.createdAt).getTime() - 86_400_000).toISOString();
    await repository.createQueryBuilder().delete().where('expiresAt < :dayAgo', { dayAgo }).execute();
    await repository.save(repository.create({ ...request, completedAt: null, outcome: null }));
  }

  async get(id: string): Promise<ConsentRequest | null> {
    return this.dataSource.getRepository(ConsentRequest).findOneBy({ id });
  }

  async complete(id: string, answer: ConsentAnswer, now: Date): Promise<CompletedConsent> {
    const at = now.toISOString();
    const done = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ConsentRequest)
        .set({ completedAt: at, outcome: answer.outcome })
        .where('id = :id', { id })
        .andWhere('completedAt IS NULL')
        .andWhere('expiresAt > :at', { at })
        .execute();
      if ((result.affected ?? 0) !== 1) return null;
      const request = await manager.getRepository(ConsentRequest).findOneByOrFail({ id });
      const audit = manager.getRepository(AuditEvent);
      await audit.save(
        audit.create({
          at,
          actor: request.adminId,
          action: `consent.${answer.outcome}`,
          subjectType: 'tenant',
          subjectId: answer.tenantId,
          requestId: null,
          outcome: answer.outcome === 'granted' ? 'ok' : answer.outcome === 'declined' ? 'refused' : 'failed',
          detail: answer.detail,
        }),
      );
      return request;
    });
    if (done) return { ok: true, request: done };
    const existing = await this.dataSource.getRepository(ConsentRequest).findOneBy({ id });
    return { ok: false, reason: !existing ? 'unknown' : existing.completedAt ? 'used' : 'expired' };
  }
}
