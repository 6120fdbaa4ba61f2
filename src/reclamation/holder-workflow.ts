import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import type { HolderAsk, HolderAsks, ReclamationRequest, ReclamationRequests } from '../store';
import { holderPlan, type KeepReason } from './holder';
import { HolderSteps } from './holder-steps';
import type { RequestNotifier } from './notifier';
import { createRequests, type Plan } from './plan';
import { RUNNABLE, type Decision } from './service';
import type { ReclamationSettings } from './settings';

export interface HolderWorkflowOptions {
  dataSource: DataSource;
  requests: ReclamationRequests;
  asks: HolderAsks;
  settings: ReclamationSettings;
  notifier: RequestNotifier;
  log: Logger;
  now: () => Date;
  /** Runs a request the holder released (the workflow's execution, with its fresh re-check). */
  execute(id: string): Promise<void>;
  /** Plans one user's reclamation again (a bulk ask makes its requests as they are sent). */
  plan(upn: string, sku: string, requester: string): Promise<Plan>;
}

/**
 * The license holder's step from the workflow's side: their answers (HolderSteps checks who, the
 * state, the version and the deadline), what follows each (execution, or the approver's card), the
 * deadlines and the reminder, and the requests a bulk ask makes just before each card is sent.
 */
export class HolderWorkflow {
  private readonly steps: HolderSteps;

  constructor(private readonly o: HolderWorkflowOptions) {
    this.steps = new HolderSteps({ requests: o.requests, settings: o.settings, log: o.log, now: o.now });
  }

  /** The holder's Release, on the version their card showed, before their deadline. */
  release(id: string, actor: string, version: number): Promise<Decision> {
    return this.steps.release(id, actor, version);
  }

  /** The holder's Keep, with a reason from the list and their own words. */
  keep(id: string, actor: string, version: number, reason: KeepReason, text: string): Promise<Decision> {
    return this.steps.keep(id, actor, version, reason, text);
  }

  /**
   * After the holder's step moved a request (never in a turn): every copy of its cards shows the new
   * state; a request now waiting for the approver gets its approval card, a released one runs.
   */
  async proceed(request: ReclamationRequest): Promise<void> {
    await this.o.notifier.changed(request);
    if (request.state === 'requested')
      await this.o.notifier.requested(request, (await this.o.settings.get()).approvalsChannel);
    if (RUNNABLE.includes(request.state)) await this.o.execute(request.id);
  }

  /** Hourly: holders past their deadline → the approver; the one reminder at half the time. Returns how many moved. */
  async deadlines(): Promise<number> {
    const lapsed = await this.steps.lapse();
    for (const request of lapsed) await this.proceed(request);
    for (const request of await this.steps.remindersDue()) {
      await this.o.notifier
        .remind(request)
        .catch((error: unknown) =>
          this.o.log.warn({ err: error, requestId: request.id }, 'could not remind the holder'),
        );
    }
    return lapsed.length;
  }

  /** Before a card is sent: the holder's deadline (null when the request is not asking any more). */
  setDeadline(id: string): Promise<string | null> {
    return this.steps.setDeadline(id);
  }

  /** The card reached the holder, through their chat or after installing the app (`via`). */
  asked(id: string, via: string): Promise<boolean> {
    return this.steps.asked(id, via);
  }

  /** The holder cannot be asked (`why`, shown on the approver's and the admin's cards): the approver is. */
  async unreachable(id: string, why: string): Promise<ReclamationRequest | null> {
    const request = await this.steps.unreachable(id, why);
    if (request) await this.proceed(request);
    return request;
  }

  /**
   * The request of a bulk ask, made just before its card is sent: planned again (the user may be
   * active again, or asked meanwhile), and only when the holder is to be asked; else why not.
   */
  async prepare(ask: HolderAsk, requester: string): Promise<{ request: ReclamationRequest } | { skip: string }> {
    if (ask.requestId) {
      const request = await this.o.requests.get(ask.requestId);
      return request ? { request } : { skip: 'The request is gone.' };
    }
    const s = await this.o.settings.get();
    if (!s.askHolder) return { skip: 'Asking holders was turned off (reclamation.askHolder).' };
    const plan = await this.o.plan(ask.userPrincipalName, ask.skuId, requester);
    const item = plan.items.find((i) => i.skuId === ask.skuId);
    if (!item) return { skip: plan.refusals.map((r) => r.why).join(' ') || 'Nothing to request any more.' };
    const now = this.o.now();
    const holder = await holderPlan(this.o.requests, s, item, now);
    if (!holder.ask)
      return { skip: holder.answer === 'cooldown' ? holder.note : 'The holder of this license is not asked.' };
    const [request] = await createRequests(this.o.dataSource, { ...plan, items: [item] }, requester, {
      dryRun: s.dryRun,
      expiryDays: s.expiryDays,
      now,
      holder: async () => holder,
    });
    if (!request) return { skip: 'A request for this license is already open.' };
    await this.o.asks.setRequest(ask.id, request.id);
    return { request };
  }
}
