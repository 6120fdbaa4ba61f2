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
 */
export class ReclamationSchedule {
  private cron?: Cron;

  constructor(private readonly workflow: Pick<ReclamationWorkflow, 'reconcile' | 'expire' | 'autoRequest'>, private readonly log: Logger) {}

  async start(): Promise<void> {
    try {
      const settled = await this.workflow.reconcile();
      if (settled) this.log.warn({ settled }, 'settled or ran reclamation requests a previous run left executing or approved');
      await this.workflow.expire();
    } catch (error) {
      this.log.error({ err: error }, 'reclamation start-up housekeeping failed');
    }
    this.cron = new Cron(EXPIRY_CRON, { protect: true, timezone: 'UTC' }, async () => {
      try {
        const expired = await this.workflow.expire();
        if (expired) this.log.info({ expired }, 'reclamation requests expired');
        const requested = await this.workflow.autoRequest();
        if (requested) this.log.info({ requested }, 'reclamation requested by policy');
      } catch (error) {
        this.log.error({ err: error }, 'expiring reclamation requests failed');
      }
    });
  }

  stop(): void {
    this.cron?.stop();
  }
}
