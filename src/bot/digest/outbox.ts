import type { Attachment } from 'botbuilder';
import { In, IsNull, LessThanOrEqual, Not, type DataSource } from 'typeorm';
import type { Logger } from '../../logging/logger';
import { Digest, DigestDelivery } from '../../store';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';
import { backoffMs, classifyDeliveryError, DEFAULT_BACKOFF, type BackoffOptions } from './delivery-errors';

export interface OutboxOptions {
  dataSource: DataSource;
  log: Logger;
  now: () => Date;
  proactive: Proactive;
  conversations: ConversationStore;
  /** The card of a stored digest. */
  card(digest: Digest): Attachment;
  /**
   * Gap between two sends. Teams allows a bot about 50 requests a second per tenant and a few
   * messages a second per conversation; one digest per conversation every 200 ms stays well below.
   */
  minIntervalMs?: number;
  backoff?: BackoffOptions;
  /**
   * How long a `sending` claim holds; past it the delivery counts as interrupted. Default 5 min:
   * far longer than one send, including the connector client's own retries.
   */
  leaseMs?: number;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'gone';

/**
 * The digest outbox: one row per (digest, conversation), written before anything is sent. A row is
 * claimed with a compare-and-set (`pending` → `sending`) so two instances never both send it, and
 * marked `sent` with the activity id as soon as Teams answers. A row found `sending` after its
 * lease (the process died mid-send) is not sent again: whether Teams got it is unknown, and a
 * duplicate digest is worse than a missing one; it is marked failed with that reason.
 */
export class DigestOutbox {
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly options: OutboxOptions) {}

  private get repo() {
    return this.options.dataSource.getRepository(DigestDelivery);
  }

  /** Adds a pending delivery per conversation; existing ones (a re-run of the same digest) stay as they are. */
  async enqueue(digestId: string, conversationIds: readonly string[]): Promise<void> {
    if (!conversationIds.length) return;
    const createdAt = this.options.now().toISOString();
    const rows = conversationIds.map((conversationId) => ({
      digestId, conversationId, status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, activityId: null, sentAt: null, createdAt,
    }));
    await this.repo.createQueryBuilder().insert().into(DigestDelivery).values(rows).orIgnore().execute();
  }

  /** Deliveries left `sending` past their lease by a process that stopped: failed, never resent. */
  async recover(): Promise<number> {
    const now = this.options.now().toISOString();
    const result = await this.repo.update(
      { status: 'sending', nextAttemptAt: LessThanOrEqual(now) },
      { status: 'failed', lastError: 'Interrupted while sending (the process stopped); not resent, so nobody gets the digest twice.' },
    );
    return result.affected ?? 0;
  }

  /** Sends everything due now, one at a time. Concurrent calls share one run (and it runs again if asked meanwhile). */
  deliverDue(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** When the next retry is due, or null when nothing waits. */
  async nextDue(): Promise<Date | null> {
    if (await this.repo.existsBy({ status: 'pending', nextAttemptAt: IsNull() })) return this.options.now();
    // NULLs sort differently on SQLite and PostgreSQL: they are handled above, not by the order.
    const row = await this.repo.findOne({ where: { status: In(['pending', 'sending']), nextAttemptAt: Not(IsNull()) }, order: { nextAttemptAt: 'ASC' } });
    return row?.nextAttemptAt ? new Date(row.nextAttemptAt) : null;
  }

  async deliveries(digestId: string): Promise<DigestDelivery[]> {
    return this.repo.find({ where: { digestId }, order: { conversationId: 'ASC' } });
  }

  private async pass(): Promise<void> {
    await this.recover();
    const now = this.options.now().toISOString();
    const due = await this.repo.find({
      where: [{ status: 'pending', nextAttemptAt: IsNull() }, { status: 'pending', nextAttemptAt: LessThanOrEqual(now) }],
      order: { createdAt: 'ASC', conversationId: 'ASC' },
      take: 500,
    });
    const digests = new Map((await this.options.dataSource.getRepository(Digest).findBy({ id: In([...new Set(due.map((d) => d.digestId))]) })).map((d) => [d.id, d]));
    let first = true;
    for (const row of due) {
      if (!first) await sleep(this.options.minIntervalMs ?? 200);
      first = false;
      await this.deliver(row, digests.get(row.digestId));
    }
  }

  private async claim(row: DigestDelivery): Promise<boolean> {
    const now = this.options.now();
    const lease = new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000)).toISOString();
    const result = await this.repo
      .createQueryBuilder()
      .update(DigestDelivery)
      .set({ status: 'sending', attempts: () => 'attempts + 1', nextAttemptAt: lease })
      .where('digestId = :digestId AND conversationId = :conversationId AND status = :pending AND attempts = :attempts', {
        digestId: row.digestId, conversationId: row.conversationId, pending: 'pending', attempts: row.attempts,
      })
      .execute();
    return result.affected === 1;
  }

  private async deliver(row: DigestDelivery, digest: Digest | undefined): Promise<void> {
    const key = { digestId: row.digestId, conversationId: row.conversationId };
    const log = this.options.log.child(key);
    const conversation = await this.options.conversations.get(row.conversationId);
    if (!digest || !conversation || conversation.removedAt) {
      await this.repo.update({ ...key, status: 'pending' }, { status: 'gone', lastError: !digest ? 'The digest is missing.' : 'The bot is no longer in this conversation.' });
      return;
    }
    if (!(await this.claim(row))) return; // another instance (or a concurrent pass) has it
    const attempt = row.attempts + 1;
    try {
      const activityId = await this.options.proactive.send(conversation.reference, this.options.card(digest), 'License Steward weekly digest');
      await this.repo.update(key, { status: 'sent', activityId: activityId ?? null, sentAt: this.options.now().toISOString(), nextAttemptAt: null, lastError: null });
      log.info({ attempt }, 'digest delivered');
    } catch (error) {
      await this.failed(row, attempt, error, log);
    }
  }

  private async failed(row: DigestDelivery, attempt: number, error: unknown, log: Logger): Promise<void> {
    const key = { digestId: row.digestId, conversationId: row.conversationId };
    const now = this.options.now();
    const verdict = classifyDeliveryError(error, now);
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    if (verdict.kind === 'gone') {
      await this.repo.update(key, { status: 'gone', lastError: verdict.message, nextAttemptAt: null });
      await this.options.conversations.markRemoved(row.conversationId);
      log.warn({ status: verdict.status }, 'conversation refused the digest: marked removed');
    } else if (verdict.kind === 'retry' && attempt < backoff.maxAttempts) {
      const wait = Math.max(verdict.retryAfterMs ?? 0, backoffMs(attempt, backoff));
      await this.repo.update(key, { status: 'pending', lastError: verdict.message, nextAttemptAt: new Date(now.getTime() + wait).toISOString() });
      log.warn({ status: verdict.status, attempt, retryInMs: wait }, 'digest delivery will be retried');
    } else {
      await this.repo.update(key, { status: 'failed', lastError: verdict.message, nextAttemptAt: null });
      log.error({ status: verdict.status, attempt }, 'digest delivery failed');
    }
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
