import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThanOrEqual, MoreThan, Not, type DataSource } from 'typeorm';
import { AskBatch, HolderAsk } from './entities';

/** A user and license to ask about, as the preview (or the Confirm that made its request) counted it. */
export type NewAsk = Pick<
  HolderAsk,
  'userId' | 'userPrincipalName' | 'displayName' | 'skuId' | 'skuName' | 'monthlyCost' | 'currency'
> & { requestId?: string | null };

export interface NewBatch {
  kind: 'reclaim' | 'bulk';
  list?: string | null;
  requestedBy: string;
  /** A bulk ask waits for its Confirm (`draft`); a reclaim Confirm's asks go at once. */
  draft: boolean;
  conversationId?: string | null;
  activityId?: string | null;
  expiresAt: Date;
}

/**
 * The holder asks and their batches (src/bot/holder/ask-sender.ts sends them): written before
 * anything is sent, each claimed with a compare-and-set (`pending` → `sending`, with a lease) so that
 * two instances or a restart never send one twice, and marked with the outcome of each attempt.
 */
export class HolderAsks {
  constructor(private readonly dataSource: DataSource) {}

  private get asks() {
    return this.dataSource.getRepository(HolderAsk);
  }

  private get batches() {
    return this.dataSource.getRepository(AskBatch);
  }

  async createBatch(input: NewBatch, items: readonly NewAsk[], now: Date): Promise<AskBatch> {
    return this.dataSource.transaction(async (manager) => {
      const at = now.toISOString();
      const batch = manager.getRepository(AskBatch).create({
        id: randomUUID(),
        kind: input.kind,
        list: input.list ?? null,
        requestedBy: input.requestedBy,
        state: input.draft ? 'draft' : 'confirmed',
        conversationId: input.conversationId ?? null,
        activityId: input.activityId ?? null,
        createdAt: at,
        confirmedAt: input.draft ? null : at,
        expiresAt: input.expiresAt.toISOString(),
      });
      await manager.getRepository(AskBatch).insert(batch);
      // Inserted in slices: SQLite allows a limited number of bound values per statement.
      const rows = items.map((item) => ({
        ...item,
        id: randomUUID(),
        batchId: batch.id,
        requestId: item.requestId ?? null,
        status: input.draft ? 'draft' : 'pending',
        attempts: 0,
        nextAttemptAt: null,
        note: null,
        sentAt: null,
        createdAt: at,
      }));
      for (let i = 0; i < rows.length; i += 50) await manager.getRepository(HolderAsk).insert(rows.slice(i, i + 50));
      return batch;
    });
  }

  batch(id: string): Promise<AskBatch | null> {
    return this.batches.findOneBy({ id });
  }

  /** The card that follows the batch: where it is, to update it in place. */
  async setCard(batchId: string, conversationId: string, activityId: string): Promise<void> {
    await this.batches.update({ id: batchId }, { conversationId, activityId });
  }

  /**
   * draft → confirmed, by the admin who previewed it and before it expired; its asks become due.
   * False when it was confirmed already (a double click), cancelled, expired or someone else's.
   */
  async confirm(batchId: string, requestedBy: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const at = now.toISOString();
      const result = await manager
        .getRepository(AskBatch)
        .update(
          { id: batchId, requestedBy, state: 'draft', expiresAt: MoreThan(at) },
          { state: 'confirmed', confirmedAt: at },
        );
      if ((result.affected ?? 0) !== 1) return false;
      await manager.getRepository(HolderAsk).update({ batchId, status: 'draft' }, { status: 'pending' });
      return true;
    });
  }

  async cancel(batchId: string, requestedBy: string): Promise<boolean> {
    const result = await this.batches.update({ id: batchId, requestedBy, state: 'draft' }, { state: 'cancelled' });
    if ((result.affected ?? 0) === 1)
      await this.asks.update({ batchId, status: 'draft' }, { status: 'skipped', note: 'Cancelled before Confirm.' });
    return (result.affected ?? 0) === 1;
  }

  /** Pending asks due now, oldest first. */
  due(now: Date, limit: number): Promise<HolderAsk[]> {
    const at = now.toISOString();
    return this.asks.find({
      where: [
        { status: 'pending', nextAttemptAt: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(at) },
      ],
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** `pending` → `sending` until `leaseUntil`, only if nobody moved the row since it was read. */
  async claim(row: HolderAsk, leaseUntil: Date): Promise<boolean> {
    const result = await this.asks
      .createQueryBuilder()
      .update(HolderAsk)
      .set({ status: 'sending', attempts: () => 'attempts + 1', nextAttemptAt: leaseUntil.toISOString() })
      .where('id = :id AND status = :pending AND attempts = :attempts', {
        id: row.id,
        pending: 'pending',
        attempts: row.attempts,
      })
      .execute();
    return result.affected === 1;
  }

  /**
   * Asks left `sending` past their lease by a process that stopped: whether the card reached the
   * holder is unknown, so they are never sent again (a second card is worse than the approver being
   * asked instead); returned so the caller moves their requests on.
   */
  async recover(now: Date): Promise<HolderAsk[]> {
    const stuck = await this.asks.findBy({ status: 'sending', nextAttemptAt: LessThanOrEqual(now.toISOString()) });
    const recovered: HolderAsk[] = [];
    for (const row of stuck) {
      const note =
        'Interrupted while the card was being sent (the process stopped): not sent again, so nobody gets it twice.';
      const result = await this.asks.update(
        { id: row.id, status: 'sending', attempts: row.attempts },
        { status: 'failed', note, nextAttemptAt: null },
      );
      if ((result.affected ?? 0) === 1) recovered.push({ ...row, status: 'failed', note });
    }
    return recovered;
  }

  /** The request made for an ask (before its card is sent). */
  async setRequest(id: string, requestId: string): Promise<void> {
    await this.asks.update({ id }, { requestId });
  }

  async sent(id: string, now: Date): Promise<void> {
    await this.asks.update({ id }, { status: 'sent', sentAt: now.toISOString(), nextAttemptAt: null, note: null });
  }

  /** Not asked, for good: `note` says why (the plan refused it, the holder cannot be reached…). */
  async settle(id: string, status: 'skipped' | 'failed', note: string): Promise<void> {
    await this.asks.update({ id }, { status, note, nextAttemptAt: null });
  }

  async retryAt(id: string, note: string, at: Date): Promise<void> {
    await this.asks.update({ id }, { status: 'pending', note, nextAttemptAt: at.toISOString() });
  }

  ofBatch(batchId: string): Promise<HolderAsk[]> {
    return this.asks.find({ where: { batchId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The batches a request belongs to (to update their cards when it changes). */
  async batchesOf(requestId: string): Promise<AskBatch[]> {
    const rows = await this.asks.find({ where: { requestId }, select: { batchId: true } });
    if (!rows.length) return [];
    return this.batches.findBy({ id: In([...new Set(rows.map((r) => r.batchId))]), conversationId: Not(IsNull()) });
  }

  /** When the next ask is due (`now` when one waits already), or null when nothing waits. */
  async nextDue(now: Date): Promise<Date | null> {
    if (await this.asks.existsBy({ status: 'pending', nextAttemptAt: IsNull() })) return now;
    const row = await this.asks.findOne({
      where: { status: In(['pending', 'sending']), nextAttemptAt: Not(IsNull()) },
      order: { nextAttemptAt: 'ASC' },
    });
    return row?.nextAttemptAt ? new Date(row.nextAttemptAt) : null;
  }
}
