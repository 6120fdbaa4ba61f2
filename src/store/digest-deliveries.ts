import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import { DigestDelivery } from './entities';

/** A delivery: one digest to one conversation. */
export type DeliveryKey = Pick<DigestDelivery, 'digestId' | 'conversationId'>;

/**
 * The digest outbox's rows (src/bot/digest/outbox.ts sends them): written before anything is sent,
 * claimed with a compare-and-set (`pending` → `sending`) so two instances never both send one, and
 * marked with the outcome of each attempt.
 */
export class DigestDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DigestDelivery);
  }

  /** Adds a pending delivery per conversation; existing ones (a re-run of the same digest) stay as they are. */
  async enqueue(digestId: string, conversationIds: readonly string[], now: Date): Promise<void> {
    if (!conversationIds.length) return;
    const createdAt = now.toISOString();
    const rows = conversationIds.map((conversationId) => ({
      digestId,
      conversationId,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      activityId: null,
      sentAt: null,
      createdAt,
    }));
    await this.repo.createQueryBuilder().insert().into(DigestDelivery).values(rows).orIgnore().execute();
  }

  /**
   * Deliveries left `sending` past their lease by a process that stopped: failed, never resent
   * (whether Teams got it is unknown, and a duplicate digest is worse than a missing one).
   */
  async recover(now: Date): Promise<number> {
    const result = await this.repo.update(
      { status: 'sending', nextAttemptAt: LessThanOrEqual(now.toISOString()) },
      {
        status: 'failed',
        lastError: 'Interrupted while sending (the process stopped); not resent, so nobody gets the digest twice.',
      },
    );
    return result.affected ?? 0;
  }

  /** Pending deliveries due now, oldest first. */
  async due(now: Date, limit: number): Promise<DigestDelivery[]> {
    const at = now.toISOString();
    return this.repo.find({
      where: [
        { status: 'pending', nextAttemptAt: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(at) },
      ],
      order: { createdAt: 'ASC', conversationId: 'ASC' },
      take: limit,
    });
  }

  /** `pending` → `sending` until `leaseUntil`, only if nobody moved the row since it was read. */
  async claim(row: DigestDelivery, leaseUntil: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(DigestDelivery)
      .set({ status: 'sending', attempts: () => 'attempts + 1', nextAttemptAt: leaseUntil.toISOString() })
      .where(
        'digestId = :digestId AND conversationId = :conversationId AND status = :pending AND attempts = :attempts',
        {
          digestId: row.digestId,
          conversationId: row.conversationId,
          pending: 'pending',
          attempts: row.attempts,
        },
      )
      .execute();
    return result.affected === 1;
  }

  /** A pending delivery that cannot be made (its digest or its conversation is gone). */
  async abandon(key: DeliveryKey, why: string): Promise<void> {
    await this.repo.update({ ...key, status: 'pending' }, { status: 'gone', lastError: why });
  }

  async sent(key: DeliveryKey, activityId: string | null, at: Date): Promise<void> {
    await this.repo.update(key, {
      status: 'sent',
      activityId,
      sentAt: at.toISOString(),
      nextAttemptAt: null,
      lastError: null,
    });
  }

  /** The conversation refused it for good (the bot was removed): never tried again. */
  async gone(key: DeliveryKey, error: string): Promise<void> {
    await this.repo.update(key, { status: 'gone', lastError: error, nextAttemptAt: null });
  }

  async retryAt(key: DeliveryKey, error: string, at: Date): Promise<void> {
    await this.repo.update(key, { status: 'pending', lastError: error, nextAttemptAt: at.toISOString() });
  }

  async failed(key: DeliveryKey, error: string): Promise<void> {
    await this.repo.update(key, { status: 'failed', lastError: error, nextAttemptAt: null });
  }

  /** When the next attempt is due (`now` when one waits already), or null when nothing waits. */
  async nextDue(now: Date): Promise<Date | null> {
    if (await this.repo.existsBy({ status: 'pending', nextAttemptAt: IsNull() })) return now;
    // NULLs sort differently on SQLite and PostgreSQL: they are handled above, not by the order.
    const row = await this.repo.findOne({
      where: { status: In(['pending', 'sending']), nextAttemptAt: Not(IsNull()) },
      order: { nextAttemptAt: 'ASC' },
    });
    return row?.nextAttemptAt ? new Date(row.nextAttemptAt) : null;
  }

  async ofDigest(digestId: string): Promise<DigestDelivery[]> {
    return this.repo.find({ where: { digestId }, order: { conversationId: 'ASC' } });
  }
}
