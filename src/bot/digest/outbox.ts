import type { Attachment } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { Digest, DigestDeliveries, DigestDelivery, Digests } from '../../store';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';
import { SingleFlight } from '../single-flight';
import { backoffMs, classifyDeliveryError, DEFAULT_BACKOFF, type BackoffOptions } from './delivery-errors';

export interface OutboxOptions {
  /** The outbox's rows. */
  deliveries: DigestDeliveries;
  digests: Pick<Digests, 'byIds'>;
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

/**
 * The digest outbox: one row per (digest, conversation), written before anything is sent. A row is
 * claimed with a compare-and-set (`pending` → `sending`) so two instances never both send it, and
 * marked `sent` with the activity id as soon as Teams answers. A row found `sending` after its
 * lease (the process died mid-send) is not sent again: whether Teams got it is unknown, and a
 * duplicate digest is worse than a missing one; it is marked failed with that reason. The rows are
 * the store's (DigestDeliveries); sending them, pace and retries are Teams delivery, so they are here.
 */
export class DigestOutbox {
  private readonly flight = new SingleFlight(() => this.pass());

  constructor(private readonly options: OutboxOptions) {}

  /** Adds a pending delivery per conversation; existing ones (a re-run of the same digest) stay as they are. */
  async enqueue(digestId: string, conversationIds: readonly string[]): Promise<void> {
    await this.options.deliveries.enqueue(digestId, conversationIds, this.options.now());
  }

  /** Deliveries left `sending` past their lease by a process that stopped: failed, never resent. */
  async recover(): Promise<number> {
    return this.options.deliveries.recover(this.options.now());
  }

  /** Sends everything due now, one at a time. Concurrent calls share one run (and it runs again if asked meanwhile). */
  deliverDue(): Promise<void> {
    return this.flight.run();
  }

  /** When the next retry is due, or null when nothing waits. */
  async nextDue(): Promise<Date | null> {
    return this.options.deliveries.nextDue(this.options.now());
  }

  async deliveries(digestId: string): Promise<DigestDelivery[]> {
    return this.options.deliveries.ofDigest(digestId);
  }

  private async pass(): Promise<void> {
    await this.recover();
    const due = await this.options.deliveries.due(this.options.now(), 500);
    const digests = new Map((await this.options.digests.byIds(due.map((d) => d.digestId))).map((d) => [d.id, d]));
    let first = true;
    for (const row of due) {
      if (!first) await sleep(this.options.minIntervalMs ?? 200);
      first = false;
      await this.deliver(row, digests.get(row.digestId));
    }
  }

  private async claim(row: DigestDelivery): Promise<boolean> {
    return this.options.deliveries.claim(
      row,
      new Date(this.options.now().getTime() + (this.options.leaseMs ?? 5 * 60_000)),
    );
  }

  private async deliver(row: DigestDelivery, digest: Digest | undefined): Promise<void> {
    const key = { digestId: row.digestId, conversationId: row.conversationId };
    const log = this.options.log.child(key);
    const conversation = await this.options.conversations.get(row.conversationId);
    if (!digest || !conversation || conversation.removedAt) {
      await this.options.deliveries.abandon(
        key,
        !digest ? 'The digest is missing.' : 'The bot is no longer in this conversation.',
      );
      return;
    }
    if (!(await this.claim(row))) return; // another instance (or a concurrent pass) has it
    const attempt = row.attempts + 1;
    try {
      const activityId = await this.options.proactive.send(
        conversation.reference,
        this.options.card(digest),
        'License Steward weekly digest',
      );
      await this.options.deliveries.sent(key, activityId ?? null, this.options.now());
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
      await this.options.deliveries.gone(key, verdict.message);
      await this.options.conversations.markRemoved(row.conversationId);
      log.warn({ status: verdict.status }, 'conversation refused the digest: marked removed');
    } else if (verdict.kind === 'retry' && attempt < backoff.maxAttempts) {
      const wait = Math.max(verdict.retryAfterMs ?? 0, backoffMs(attempt, backoff));
      await this.options.deliveries.retryAt(key, verdict.message, new Date(now.getTime() + wait));
      log.warn({ status: verdict.status, attempt, retryInMs: wait }, 'digest delivery will be retried');
    } else {
      await this.options.deliveries.failed(key, verdict.message);
      log.error({ status: verdict.status, attempt }, 'digest delivery failed');
    }
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
