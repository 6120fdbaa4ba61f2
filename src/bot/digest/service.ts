import type { Attachment } from 'botbuilder';
import { Cron } from 'croner';
import type { Insights } from '../../insights';
import type { Logger } from '../../logging/logger';
import type { AuditedSettings, Digest, DigestDeliveries, Digests } from '../../store';
import { digestCardData, headlineOf, type DigestCard, type DigestHeadline } from '../cards/digest';
import { cardAttachment } from '../cards/render';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';
import { gatherDigestFacts } from './content';
import { DigestOutbox, type OutboxOptions } from './outbox';
import {
  DEFAULT_DIGEST_SCHEDULE,
  DIGEST_SCHEDULE_SETTING,
  digestScheduleSchema,
  nextSlot,
  previousSlot,
  type DigestSchedule,
} from './schedule-setting';

export interface DigestServiceOptions {
  /** What a digest counts. */
  insights: Pick<Insights, 'policy' | 'digest'>;
  /** Each digest as built, once per slot. */
  digests: Digests;
  /** The outbox's rows. */
  deliveries: DigestDeliveries;
  /** Where the schedule is kept, each change audited. */
  settings: Pick<AuditedSettings, 'get' | 'replace' | 'refuse'>;
  log: Logger;
  now: () => Date;
  conversations: ConversationStore;
  proactive: Proactive;
  banner: string;
  /** Run the weekly schedule in this process. Tests that drive digests themselves turn it off. */
  schedule: boolean;
  /** Sending pace and retry backoff (tests shorten them). */
  outbox?: Pick<OutboxOptions, 'minIntervalMs' | 'backoff' | 'leaseMs'>;
}

/** A digest missed while the process was down is still sent if the slot is this recent. */
const CATCH_UP_MS = 24 * 3600_000;
/** Poll for deliveries other instances queued, at most this far apart. */
const POLL_MS = 60_000;

/**
 * The weekly digest: subscriptions, the schedule (croner, cron + time zone from settings), building
 * each digest once, and delivery through the outbox.
 */
export class DigestService {
  readonly outbox: DigestOutbox;
  private job?: Cron;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: DigestServiceOptions) {
    this.outbox = new DigestOutbox({
      ...o.outbox,
      deliveries: o.deliveries,
      digests: o.digests,
      log: o.log.child({ component: 'digest-outbox' }),
      now: o.now,
      proactive: o.proactive,
      conversations: o.conversations,
      card: (d) => this.card(d),
    });
  }

  card(digest: Digest): Attachment {
    // build() stored it: digestCardData's output as of that week.
    return cardAttachment('digest', digest.content as DigestCard);
  }

  /** Starts the schedule, sends a digest missed in the last day, and resumes deliveries left pending. */
  async start(): Promise<void> {
    if (this.o.schedule) {
      const schedule = await this.schedule();
      this.startJob(schedule);
      const slot = previousSlot(schedule, this.o.now());
      if (
        slot &&
        this.o.now().getTime() - slot.getTime() < CATCH_UP_MS &&
        !(await this.o.digests.exists(digestIdOf(slot)))
      ) {
        this.o.log.info({ slot: slot.toISOString() }, 'sending the digest missed while stopped');
        // In the background: building a digest over a large tenant must not delay the bot's start.
        void this.runWeekly(slot).catch((error: unknown) => this.o.log.error({ err: error }, 'missed digest failed'));
        return;
      }
    }
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.job?.stop();
    if (this.timer) clearTimeout(this.timer);
  }

  async schedule(): Promise<DigestSchedule> {
    const row = await this.o.settings.get(DIGEST_SCHEDULE_SETTING);
    const parsed = digestScheduleSchema.safeParse(row?.value);
    if (row && !parsed.success)
      this.o.log.error({ issues: parsed.error.issues }, 'the digest schedule setting is invalid; the default is used');
    return parsed.success ? parsed.data : { ...DEFAULT_DIGEST_SCHEDULE };
  }

  /** Changes the schedule (validated), audited, and restarts the job. A refused change is audited and changes nothing. */
  async setSchedule(
    input: unknown,
    actor: string,
  ): Promise<{ ok: true; schedule: DigestSchedule } | { ok: false; error: string }> {
    const parsed = digestScheduleSchema.safeParse(input);
    if (!parsed.success) {
      const error = parsed.error.issues.map((i) => i.message).join('; ');
      await this.o.settings.refuse(DIGEST_SCHEDULE_SETTING, {
        actor,
        at: this.o.now(),
        action: 'digest.schedule',
        detail: { value: JSON.stringify(input ?? null).slice(0, 200), error },
      });
      return { ok: false, error };
    }
    await this.o.settings.replace(DIGEST_SCHEDULE_SETTING, parsed.data, {
      actor,
      at: this.o.now(),
      action: 'digest.schedule',
    });
    if (this.o.schedule && !this.stopped) this.startJob(parsed.data);
    return { ok: true, schedule: parsed.data };
  }

  async nextRun(): Promise<Date | null> {
    return nextSlot(await this.schedule(), this.o.now());
  }

  /**
   * The digest of one schedule slot: built once (if anyone is subscribed), queued for every
   * subscribed conversation, and delivered. Running it again for the same slot sends nothing twice.
   */
  async runWeekly(slot: Date): Promise<string> {
    const id = digestIdOf(slot);
    const subscribers = await this.o.conversations.digestSubscribers();
    if (!(await this.o.digests.exists(id))) {
      if (!subscribers.length) return id;
      const content = await this.build(slot.toISOString());
      // Two instances may build the same slot at once: the first insert wins, the other is ignored.
      await this.o.digests.add({
        id,
        kind: 'weekly',
        scheduledFor: slot.toISOString(),
        createdAt: this.o.now().toISOString(),
        content: content.data,
        headline: { ...content.headline },
      });
    }
    await this.outbox.enqueue(
      id,
      subscribers.map((s) => s.id),
    );
    await this.outbox.deliverDue();
    this.scheduleNextPass();
    return id;
  }

  /** A digest for right now (`digest now`): the same card, compared with the last weekly one, not stored. */
  async buildNow(): Promise<Attachment> {
    const { data } = await this.build(this.o.now().toISOString());
    return cardAttachment('digest', data);
  }

  private async build(scheduledFor: string): Promise<{ data: DigestCard; headline: DigestHeadline }> {
    const last = await this.o.digests.latestBefore('weekly', scheduledFor);
    const facts = await gatherDigestFacts({
      insights: this.o.insights,
      now: this.o.now(),
      banner: this.o.banner,
      scheduledFor,
      previous: (last?.headline as DigestHeadline | undefined) ?? null,
    });
    return { data: digestCardData(facts), headline: headlineOf(facts.summary) };
  }

  private startJob(schedule: DigestSchedule): void {
    this.job?.stop();
    this.job = new Cron(schedule.cron, { timezone: schedule.timezone, protect: true }, async () => {
      const slot = this.job?.currentRun() ?? this.o.now();
      await this.runWeekly(slot).catch((error: unknown) => this.o.log.error({ err: error }, 'weekly digest failed'));
    });
  }

  /** Delivers what is due now, then sleeps until the next retry (or the next poll). */
  private kick(): void {
    if (this.stopped) return;
    void this.outbox
      .deliverDue()
      .catch((error: unknown) => this.o.log.error({ err: error }, 'digest delivery pass failed'))
      .finally(() => this.scheduleNextPass());
  }

  private scheduleNextPass(): void {
    if (this.stopped) return;
    void this.outbox.nextDue().then(
      (due) => {
        if (this.stopped) return;
        if (this.timer) clearTimeout(this.timer);
        const wait = due ? Math.min(POLL_MS, Math.max(0, due.getTime() - this.o.now().getTime())) : POLL_MS;
        this.timer = setTimeout(() => this.kick(), wait);
        this.timer.unref();
      },
      (error: unknown) => this.o.log.warn({ err: error }, 'could not plan the next digest delivery pass'),
    );
  }
}

/** One digest per schedule slot. */
export function digestIdOf(slot: Date): string {
  return `weekly-${slot.toISOString()}`;
}
