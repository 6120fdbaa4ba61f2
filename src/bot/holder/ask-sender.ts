import type { Logger } from '../../logging/logger';
import type { ReclamationWorkflow } from '../../reclamation/workflow';
import type { HolderAsk, HolderAsks, ReclamationRequests } from '../../store';
import { backoffMs, DEFAULT_BACKOFF, type BackoffOptions } from '../digest/delivery-errors';
import type { BackgroundWork } from '../services';
import { SingleFlight } from '../single-flight';
import type { HolderCards } from './holder-cards';
import type { HolderReach } from './reach';

export interface AskSenderOptions {
  asks: HolderAsks;
  requests: Pick<ReclamationRequests, 'get' | 'recordCard'>;
  reach: HolderReach;
  cards: HolderCards;
  background: BackgroundWork;
  log: Logger;
  now: () => Date;
  /**
   * Gap between two asks. Teams takes about 50 requests a second per bot and tenant, and a few
   * messages a second in one conversation; an ask is one message, or a handful of calls (Graph's
   * installedApps, then the connector) for a holder never met, each in a conversation of its own, so
   * one every 250 ms stays well below both.
   */
  minIntervalMs?: number;
  backoff?: BackoffOptions;
  /** How long a `sending` claim holds; past it the ask counts as interrupted (never sent again). */
  leaseMs?: number;
  /** A batch's card in the admin's chat is updated at most this often (it is one conversation). */
  progressIntervalMs?: number;
}

/**
 * Sends the holder asks (src/store/holder-asks.ts) one at a time at a pace Teams accepts: each is
 * claimed before anything is sent, its request made if it has none yet (a bulk ask), its deadline
 * set, and its card delivered (HolderReach). A 429 pauses every send for its Retry-After (Teams
 * throttles the bot as a whole) and retries that ask later; what cannot be delivered for good goes to
 * the approver with the reason. It resumes after a restart, and an ask a stop interrupted mid-send is
 * never sent again.
 */
export class AskSender {
  private workflow?: Pick<ReclamationWorkflow, 'holder'>;
  private readonly flight = new SingleFlight(
    async () => {
      await this.pass();
      await this.scheduleNext();
    },
    () => !this.stopped,
  );
  private timer?: NodeJS.Timeout;
  private pausedUntil = 0;
  private lastSend = 0;
  private stopped = false;
  private wake?: () => void;
  private readonly lastProgress = new Map<string, number>();
  private readonly dirty = new Set<string>();

  constructor(private readonly o: AskSenderOptions) {}

  attach(workflow: Pick<ReclamationWorkflow, 'holder'>): void {
    this.workflow = workflow;
  }

  /** Sends what is due, in the background (tracked, so shutdown and tests can wait for it). */
  kick(): void {
    if (this.stopped || !this.workflow) return;
    this.o.background.start('holder.asks', () => this.run());
  }

  /** No more sends; a wait between two ends at once (the ask it waited for stays pending for the next start). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  /** One run at a time; a kick during a run makes it go round once more. */
  run(): Promise<void> {
    return this.flight.run();
  }

  private async pass(): Promise<void> {
    const holder = this.workflow!.holder;
    for (const row of await this.o.asks.recover(this.o.now())) {
      if (row.requestId)
        await holder.unreachable(row.requestId, row.note ?? 'Interrupted while the card was being sent.');
      this.dirty.add(row.batchId);
    }
    for (;;) {
      const due = await this.o.asks.due(this.o.now(), 50);
      if (!due.length || this.stopped) break;
      for (const row of due) {
        await this.pace();
        if (this.stopped) break;
        await this.sendOne(row).catch((error: unknown) =>
          this.o.log.error({ err: error, askId: row.id }, 'a holder ask failed'),
        );
        await this.progress(row.batchId);
      }
    }
    for (const batchId of [...this.dirty]) await this.flush(batchId);
  }

  private async sendOne(row: HolderAsk): Promise<void> {
    const lease = new Date(this.o.now().getTime() + (this.o.leaseMs ?? 5 * 60_000));
    if (!(await this.o.asks.claim(row, lease))) return; // another instance (or pass) has it
    const holder = this.workflow!.holder;
    const batch = await this.o.asks.batch(row.batchId);
    const prepared = await holder.prepare(row, batch?.requestedBy ?? 'unknown');
    if ('skip' in prepared) return this.o.asks.settle(row.id, 'skipped', prepared.skip);
    if (prepared.request.state !== 'asking' || !(await holder.setDeadline(prepared.request.id))) {
      return this.o.asks.settle(row.id, 'skipped', `The request is ${prepared.request.state} now: nothing to ask.`);
    }
    const request = (await this.o.requests.get(prepared.request.id))!;
    this.lastSend = Date.now();
    const reached = await this.o.reach.deliver(request, (ids) => this.o.cards.attachment(request, ids));
    const attempt = row.attempts + 1;
    if (reached.ok) {
      if (reached.activityId) await this.o.requests.recordCard(request.id, reached.conversationId, reached.activityId);
      await holder.asked(request.id, reached.via);
      await this.o.asks.sent(row.id, this.o.now());
      return;
    }
    const backoff = this.o.backoff ?? DEFAULT_BACKOFF;
    if (!reached.permanent && attempt < backoff.maxAttempts) {
      if (reached.retryAfterMs) this.pausedUntil = Date.now() + reached.retryAfterMs;
      const wait = Math.max(reached.retryAfterMs ?? 0, backoffMs(attempt, backoff));
      this.o.log.warn(
        { requestId: request.id, attempt, retryInMs: wait, why: reached.why },
        'holder ask will be retried',
      );
      return this.o.asks.retryAt(row.id, reached.why, new Date(this.o.now().getTime() + wait));
    }
    this.o.log.warn(
      { requestId: request.id, why: reached.why },
      'license holder not reachable: their approver is asked',
    );
    await this.o.asks.settle(row.id, 'skipped', reached.why);
    await holder.unreachable(request.id, reached.why);
  }

  /** Waits for the gap since the last send, and for a pause Teams asked for with Retry-After. */
  private async pace(): Promise<void> {
    const gap = this.lastSend + (this.o.minIntervalMs ?? 250) - Date.now();
    const wait = Math.max(gap, this.pausedUntil - Date.now());
    if (wait <= 0 || this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** The batch's card, updated at most every progressIntervalMs during a run and once at its end. */
  private async progress(batchId: string): Promise<void> {
    this.dirty.add(batchId);
    if (Date.now() - (this.lastProgress.get(batchId) ?? 0) >= (this.o.progressIntervalMs ?? 2000))
      await this.flush(batchId);
  }

  private async flush(batchId: string): Promise<void> {
    this.dirty.delete(batchId);
    this.lastProgress.set(batchId, Date.now());
    await this.o.cards.batchChanged(batchId);
  }

  /** Asks waiting for a retry run again when due (the timer does not keep the process alive). */
  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const next = await this.o.asks.nextDue(this.o.now()).catch(() => null);
    if (this.timer) clearTimeout(this.timer);
    if (!next) return;
    this.timer = setTimeout(() => this.kick(), Math.max(50, next.getTime() - this.o.now().getTime()));
    this.timer.unref();
  }
}
