import { Cron } from 'croner';
import type { Logger } from '../logging/logger';
import type { ReclamationWorkflow } from './workflow';

/** Minute 7 of every hour: off the hour, where the sync and digest schedules sit. */
export const EXPIRY_CRON = '7 * * * *';

/**
 * Start-up and hourly housekeeping of requests: requests a crash left executing are settled once
 * (by reading the user, never by a second call) and approved ones not yet run are run; then pending
 * requests past their expiry expire every hour, and requests the policy asks for are made. Each
 * change reaches the posted cards through the workflow's notifier. `protect` keeps two runs from
 * overlapping. Started and stopped by src/index.ts.
 *
 * `proposeSeats` (the bot's Copilot proposals) runs at start and hourly too: Copilot seats bought and
 * not assigned (a sync found more seats, an admin removed one in the portal) reach the next person on
 * the waitlist even when nobody asks or reclaims meanwhile; each person is proposed once.
 */
export class ReclamationSchedule {
  private cron?: Cron;

  constructor(
    private readonly workflow: Pick<ReclamationWorkflow, 'reconcile' | 'expire' | 'autoRequest'>,
    private readonly log: Logger,
    private readonly proposeSeats: () => Promise<number> = async () => 0,
  ) {}

  private async propose(): Promise<void> {
    try {
      const proposed = await this.proposeSeats();
      if (proposed) this.log.info({ proposed }, 'free Copilot seats proposed to an admin for the waitlist');
    } catch (error) {
      this.log.error({ err: error }, 'proposing free Copilot seats failed');
    }
  }

  async start(): Promise<void> {
    try {
      const settled = await this.workflow.reconcile();
      if (settled)
        this.log.warn({ settled }, 'settled or ran reclamation requests a previous run left executing or approved');
      await this.workflow.expire();
    } catch (error) {
      this.log.error({ err: error }, 'reclamation start-up housekeeping failed');
    }
    await this.propose();
    this.cron = new Cron(EXPIRY_CRON, { protect: true, timezone: 'UTC' }, async () => {
      try {
        const expired = await this.workflow.expire();
        if (expired) this.log.info({ expired }, 'reclamation requests expired');
        const requested = await this.workflow.autoRequest();
        if (requested) this.log.info({ requested }, 'reclamation requested by policy');
      } catch (error) {
        this.log.error({ err: error }, 'expiring reclamation requests failed');
      }
      await this.propose();
    });
  }

  stop(): void {
    this.cron?.stop();
  }
}
