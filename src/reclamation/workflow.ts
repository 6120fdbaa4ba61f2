import type { DataSource } from 'typeorm';
import type { GraphClient } from '../graph';
import { FINDING_KIND, listFindings, PolicyStore } from '../insights';
import type { Logger } from '../logging/logger';
import { HolderAsks, ReclamationRequests, type AuditedSettings, type NewAsk, type ReclamationRequest } from '../store';
import { approverIds } from './approvers';
import { BulkAsks } from './bulk-ask';
import { copilotChecks } from './copilot/recheck';
import { planCopilotReclamation } from './copilot/plan';
import { policyChecks } from './fits';
import { holderPlan } from './holder';
import { HolderWorkflow } from './holder-workflow';
import type { Delivery, RequestNotifier } from './notifier';
import { createRequests, keepPreviewed, planDowngrade, planReclamation, type Plan, type PlanItem } from './plan';
import { Reclamation, RUNNABLE, type Decision } from './service';
import { ReclamationSettings } from './settings';

/** The requester recorded for policy-driven requests (never an approver). */
export const AUTO_REQUESTER = 'policy';

/** Where a Confirm was clicked: the card there follows the holder asks it made. */
export interface ConfirmOrigin {
  conversationId: string;
  activityId: string;
}

/** Whom to plan for: users (by UPN), and optionally one SKU (id or part number), or their downgrades, or their idle Copilot seats. */
export interface ReclamationTarget {
  upns: readonly string[];
  sku?: string;
  downgrade?: true;
  copilot?: true;
}

export interface WorkflowOptions {
  graph: GraphClient;
  dataSource: DataSource;
  /** Where the workflow's settings are kept (approvers, dry run, expiry, approvals channel, auto-requests). */
  settings: AuditedSettings;
  log: Logger;
  now: () => Date;
  /** Tells the approver about new requests and updates their cards when a request changes. */
  notifier: RequestNotifier;
}

/**
 * Reclamation from request to outcome: preview and confirm, policy-driven requests, the decisions
 * (through the Reclamation service, which checks who may decide, versions and deadlines), execution
 * and the start-up and hourly housekeeping. Whoever shows requests is told of each change through
 * the notifier.
 */
export class ReclamationWorkflow {
  readonly settings: ReclamationSettings;
  /** The license holder's step: their answers, deadlines and reminder, and what follows each. */
  readonly holder: HolderWorkflow;
  /** "Ask these users" on a finding list: preview, Confirm, and each batch's progress. */
  readonly bulk: BulkAsks;
  /** The holder asks waiting to be sent, and their batches. */
  readonly asks: HolderAsks;
  private readonly reclamation: Reclamation;
  private readonly requests: ReclamationRequests;

  constructor(private readonly o: WorkflowOptions) {
    this.settings = new ReclamationSettings(o.settings);
    this.reclamation = new Reclamation({
      graph: o.graph,
      dataSource: o.dataSource,
      log: o.log.child({ component: 'reclamation' }),
      now: o.now,
      ...policyChecks(o.dataSource, o.now),
      ...copilotChecks(o.graph, o.dataSource, o.now),
    });
    this.requests = this.reclamation.requests;
    this.asks = new HolderAsks(o.dataSource);
    this.holder = new HolderWorkflow({
      dataSource: o.dataSource,
      requests: this.requests,
      asks: this.asks,
      settings: this.settings,
      notifier: o.notifier,
      log: o.log.child({ component: 'holder' }),
      now: o.now,
      execute: (id) => this.execute(id),
      plan: async (upn, sku, requester) =>
        (await this.plan({ upns: [upn], sku }, requester)).plans[0] ?? {
          userPrincipalName: upn,
          items: [],
          refusals: [],
        },
    });
    this.bulk = new BulkAsks({
      dataSource: o.dataSource,
      asks: this.asks,
      requests: this.requests,
      settings: this.settings,
      notifier: o.notifier,
      now: o.now,
    });
  }

  /** The preview: one plan per user (a reclamation, a downgrade, or an idle Copilot seat). Creates nothing. */
  async plan(
    target: ReclamationTarget,
    requester: string,
  ): Promise<{ plans: Plan[]; dryRun: boolean; askHolder: boolean }> {
    const settings = await this.settings.get();
    const deps = {
      graph: this.o.graph,
      dataSource: this.o.dataSource,
      policy: await new PolicyStore(this.o.dataSource).get(),
      approvers: await approverIds(this.o.graph, this.o.log, settings.approvers),
      now: this.o.now(),
    };
    const plans: Plan[] = [];
    for (const upn of target.upns) {
      plans.push(
        target.downgrade
          ? await planDowngrade(deps, upn, requester)
          : target.copilot
            ? await planCopilotReclamation(deps, upn, requester)
            : await planReclamation(deps, upn, requester, target.sku),
      );
    }
    return { plans, dryRun: settings.dryRun, askHolder: settings.askHolder };
  }

  /**
   * Confirm: plans again (the preview may be stale), creates what is still valid and was in the
   * preview (`previewed`, item keys; policy-driven requests have none). Each license holder who is
   * to be asked first gets their card from the sender (the asks are one batch, followed by the card
   * at `origin` when they are all it made); every other request goes to its approver now.
   */
  async confirm(
    target: ReclamationTarget,
    requester: string,
    previewed?: ReadonlySet<string>,
    origin?: ConfirmOrigin,
  ): Promise<{
    plans: Plan[];
    created: { request: ReclamationRequest; delivery: Delivery }[];
    batchId: string | null;
  }> {
    const settings = await this.settings.get();
    const planned = (await this.plan(target, requester)).plans;
    const plans = previewed ? planned.map((p) => keepPreviewed(p, previewed)) : planned;
    const now = this.o.now();
    const created: { request: ReclamationRequest; delivery: Delivery }[] = [];
    const asks: NewAsk[] = [];
    for (const plan of plans) {
      const holder = (item: PlanItem) => holderPlan(this.requests, settings, item, now);
      for (const request of await createRequests(this.o.dataSource, plan, requester, {
        dryRun: settings.dryRun,
        expiryDays: settings.expiryDays,
        now,
        holder,
      })) {
        if (request.state !== 'asking') {
          created.push({ request, delivery: await this.o.notifier.requested(request, settings.approvalsChannel) });
          continue;
        }
        const item = plan.items.find((i) => i.skuId === request.skuId)!;
        asks.push({
          userId: item.userId,
          userPrincipalName: item.userPrincipalName,
          displayName: item.displayName,
          skuId: item.skuId,
          skuName: item.skuName,
          monthlyCost: item.monthlySaving?.amount ?? null,
          currency: item.monthlySaving?.currency ?? null,
          requestId: request.id,
        });
        const then = item.approver.displayName ?? 'the approver';
        created.push({
          request,
          delivery: {
            where: 'holder',
            text: `asking ${item.displayName ?? item.userPrincipalName} first (${settings.askDays} days to answer), then ${then} if they keep it or do not answer`,
          },
        });
      }
    }
    let batchId: string | null = null;
    if (asks.length) {
      // The card at `origin` follows the batch only when the batch is all this Confirm made.
      const follow = asks.length === created.length ? origin : undefined;
      batchId = (
        await this.asks.createBatch(
          { kind: 'reclaim', requestedBy: requester, draft: false, ...(follow ?? {}), expiresAt: now },
          asks,
          now,
        )
      ).id;
      this.o.notifier.asksQueued();
    }
    return { plans, created, batchId };
  }

  /**
   * Policy-driven requests (off by default): every flagged inactive user idle at least
   * `reclamation.autoRequestDays` gets requests, as if an admin had confirmed them. Idempotent:
   * a license with an open request is refused by the plan. Returns how many were created.
   */
  async autoRequest(): Promise<number> {
    const settings = await this.settings.get();
    if (settings.autoRequestDays === null) return 0;
    const policy = await new PolicyStore(this.o.dataSource).get();
    const upns: string[] = [];
    for (let page = 1; ; page++) {
      const found = await listFindings(
        this.o.dataSource,
        { kind: FINDING_KIND.inactive, page, pageSize: 500, sort: 'daysInactive' },
        policy,
        this.o.now(),
      );
      upns.push(
        ...found.items
          .filter((f) => (f.evidence.daysSinceLatest ?? 0) >= settings.autoRequestDays!)
          .map((f) => f.userPrincipalName),
      );
      if (page * 500 >= found.total) break;
    }
    if (upns.length === 0) return 0;
    const { created } = await this.confirm({ upns }, AUTO_REQUESTER);
    return created.length;
  }

  request(id: string): Promise<ReclamationRequest | null> {
    return this.requests.get(id);
  }

  /** The approvals view: open requests (oldest first) and recent outcomes, of everyone (`person` null) or of one approver or requester. */
  approvals(
    person: string | null,
    take: number,
  ): Promise<{ pending: ReclamationRequest[]; recent: ReclamationRequest[] }> {
    return this.requests.openAndRecent(person, take);
  }

  /** The approver's Approve, before the request's expiry, on the version their card showed. */
  approve(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.reclamation.approve(id, actor, version, comment);
  }

  reject(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.reclamation.reject(id, actor, version, comment);
  }

  /** Undo, by the approver or an admin (the caller checks who: permissions.ts). */
  undo(id: string, actor: string, version: number): Promise<Decision> {
    return this.reclamation.undo(id, actor, version);
  }

  /** Retry a failed request, by the approver or an admin (the caller checks who: permissions.ts). */
  retry(id: string, actor: string, version: number): Promise<Decision> {
    return this.reclamation.retry(id, actor, version);
  }

  /** Records a refused attempt on a request (not the approver, an out-of-date card) without changing it. */
  refuse(id: string, actor: string, action: string, why: string): Promise<void> {
    return this.requests.refuse(id, actor, action, { why }, this.o.now());
  }

  /** Runs the approved request (never in a turn) and has every copy of its card show the outcome. */
  async execute(id: string): Promise<void> {
    const done = await this.reclamation.execute(id);
    if (done) await this.o.notifier.changed(done);
  }

  /**
   * At start-up: settles requests a crash left executing, then runs the approved (or released) ones
   * a stop interrupted before (or while waiting for another change to the same user), and shows the outcome.
   */
  async reconcile(): Promise<number> {
    const stuck = await this.requests.inState(['executing']);
    const settled = await this.reclamation.reconcile();
    for (const request of stuck) {
      const now = await this.requests.get(request.id);
      if (now) await this.o.notifier.changed(now);
    }
    const approved = await this.requests.inState(RUNNABLE);
    for (const request of approved) await this.execute(request.id);
    return settled + approved.length;
  }

  /**
   * On the hour: pending requests past their expiry expire, and their cards say so; holders past
   * their deadline are passed to the approver, and the one reminder goes to those half way there.
   */
  async expire(): Promise<number> {
    const expired = await this.reclamation.expire();
    for (const request of expired) await this.o.notifier.changed(request);
    const lapsed = await this.holder.deadlines();
    return expired.length + lapsed;
  }
}
