import { In, type DataSource } from 'typeorm';
import { CardFactory } from 'botbuilder';
import { listUserMembers, type GraphClient } from '../../graph';
import { FINDING_KIND, listFindings, PolicyStore } from '../../insights';
import type { Logger } from '../../logging/logger';
import { policyChecks } from '../../reclamation/fits';
import { createRequests, keepPreviewed, planDowngrade, planReclamation, type Plan } from '../../reclamation/plan';
import { Reclamation } from '../../reclamation/service';
import { ConversationRef, TenantUser, type ReclamationRequest } from '../../store';
import type { AdminDirectory } from '../auth/admins';
import { approvalCard, EVERYONE, type ApprovalView } from '../cards/approval';
import type { CardJson } from '../cards/render';
import type { ReclaimTarget } from '../cards/reclaim-preview';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';
import { deliverApproval, type Delivery } from './delivery';
import { ReclamationSettings } from './settings';

/** The requester recorded for policy-driven requests (never an approver). */
export const AUTO_REQUESTER = 'policy';

export interface WorkflowOptions {
  dataSource: DataSource;
  graph: GraphClient;
  log: Logger;
  now: () => Date;
  banner: string;
  admins: AdminDirectory;
  conversations: ConversationStore;
  proactive: Proactive;
}

/**
 * The Teams side of reclamation: preview and confirm, deliver the approval card, show each viewer
 * their own card, and keep every posted copy up to date. Decisions themselves are the service's.
 */
export class ApprovalWorkflow {
  readonly reclamation: Reclamation;
  readonly settings: ReclamationSettings;

  constructor(private readonly o: WorkflowOptions) {
    this.settings = new ReclamationSettings(o.dataSource);
    this.reclamation = new Reclamation({
      graph: o.graph, dataSource: o.dataSource, log: o.log.child({ component: 'reclamation' }), now: o.now,
      ...policyChecks(o.dataSource, o.now),
    });
  }

  /** The preview: one plan per user (a reclamation, or a downgrade). Creates nothing. */
  async plan(target: ReclaimTarget, requester: string): Promise<{ plans: Plan[]; dryRun: boolean }> {
    const settings = await this.settings.get();
    const deps = { graph: this.o.graph, dataSource: this.o.dataSource, policy: await new PolicyStore(this.o.dataSource).get(), approvers: await this.approverIds(settings.approvers), now: this.o.now() };
    const plans: Plan[] = [];
    for (const upn of target.upns) plans.push(target.downgrade ? await planDowngrade(deps, upn, requester) : await planReclamation(deps, upn, requester, target.sku));
    return { plans, dryRun: settings.dryRun };
  }

  /**
   * Confirm: plans again (the preview may be stale), creates what is still valid and was in the
   * preview (`previewed`, item keys; policy-driven requests have none), and delivers each card.
   */
  async confirm(target: ReclaimTarget, requester: string, previewed?: ReadonlySet<string>): Promise<{ plans: Plan[]; created: { request: ReclamationRequest; delivery: Delivery }[] }> {
    const settings = await this.settings.get();
    const planned = (await this.plan(target, requester)).plans;
    const plans = previewed ? planned.map((p) => keepPreviewed(p, previewed)) : planned;
    const created: { request: ReclamationRequest; delivery: Delivery }[] = [];
    for (const plan of plans) {
      for (const request of await createRequests(this.o.dataSource, plan, requester, { dryRun: settings.dryRun, expiryDays: settings.expiryDays, now: this.o.now() })) {
        created.push({ request, delivery: await deliverApproval(this.o, request, settings.approvalsChannel, (r, v, ids) => this.card(r, v, ids)) });
      }
    }
    return { plans, created };
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
      const found = await listFindings(this.o.dataSource, { kind: FINDING_KIND.inactive, page, pageSize: 500, sort: 'daysInactive' }, policy, this.o.now());
      upns.push(...found.items.filter((f) => (f.evidence.daysSinceLatest ?? 0) >= settings.autoRequestDays!).map((f) => f.userPrincipalName));
      if (page * 500 >= found.total) break;
    }
    if (upns.length === 0) return 0;
    const { created } = await this.confirm({ upns }, AUTO_REQUESTER);
    return created.length;
  }

  /** What this caller may do with the request: decide (approver), undo / retry (approver or admin). */
  async viewFor(request: ReclamationRequest, caller: string | undefined): Promise<ApprovalView> {
    if (!caller) return EVERYONE;
    if (caller === request.approverId.toLowerCase()) return { decide: true, undo: true, retry: true };
    if (['reclaimed', 'failed'].includes(request.state) && (await this.o.admins.check(caller)).admin) return { decide: false, undo: true, retry: true };
    return EVERYONE;
  }

  /** The card for a viewer; `refresh` names the approver's Teams id so their client asks for their buttons. */
  async card(request: ReclamationRequest, view: ApprovalView, refreshUserIds?: string[], notice?: string): Promise<CardJson> {
    const ids = [request.userId, request.requestedBy, request.approverId];
    const users = new Map((await this.o.dataSource.getRepository(TenantUser).findBy({ id: In(ids) })).map((u) => [u.id.toLowerCase(), u]));
    const name = (id: string, fallback?: unknown) => users.get(id.toLowerCase())?.displayName ?? (typeof fallback === 'string' ? fallback : null) ?? users.get(id.toLowerCase())?.userPrincipalName ?? id;
    return approvalCard({
      request, view, notice, now: this.o.now(), banner: this.o.banner,
      userName: users.get(request.userId.toLowerCase())?.displayName ?? null,
      requesterName: name(request.requestedBy),
      approverName: name(request.approverId, request.evidence['approverName']),
      refreshUserIds: refreshUserIds ?? (await this.approverTeamsIds(request)),
    });
  }

  /** Replaces every posted copy: the approver's personal chat gets their buttons, everyone else the state. */
  async updateCards(request: ReclamationRequest): Promise<void> {
    const refreshIds = await this.approverTeamsIds(request);
    for (const [conversationId, activityId] of Object.entries(request.cards)) {
      const conversation = await this.o.conversations.get(conversationId);
      if (!conversation || conversation.removedAt) continue;
      const approverChat = conversation.conversationType === 'personal' && conversation.aadObjectId?.toLowerCase() === request.approverId.toLowerCase();
      const card = await this.card(request, approverChat ? { decide: true, undo: true, retry: true } : EVERYONE, refreshIds);
      await this.o.proactive.update(conversation.reference, activityId, CardFactory.adaptiveCard(card)).catch((error: unknown) => {
        this.o.log.warn({ err: error, requestId: request.id, conversationId }, 'could not update an approval card');
      });
    }
  }

  /** Runs the approved request (never in a turn) and shows the outcome on every copy. */
  async executeAndUpdate(id: string): Promise<void> {
    const done = await this.reclamation.execute(id);
    if (done) await this.updateCards(done);
  }

  /**
   * At start-up: settles requests a crash left executing, then runs the approved ones a stop
   * interrupted before (or while waiting for another change to the same user), and shows the outcome.
   */
  async reconcile(): Promise<number> {
    const stuck = await this.reclamation.requests.inState(['executing']);
    const settled = await this.reclamation.reconcile();
    for (const request of stuck) {
      const now = await this.reclamation.requests.get(request.id);
      if (now) await this.updateCards(now);
    }
    const approved = await this.reclamation.requests.inState(['approved']);
    for (const request of approved) await this.executeAndUpdate(request.id);
    return settled + approved.length;
  }

  /** On the hour: pending requests past their expiry expire, and their cards say so. */
  async expire(): Promise<number> {
    const expired = await this.reclamation.expire();
    for (const request of expired) await this.updateCards(request);
    return expired.length;
  }

  /** Teams ids (29:…) of the approver, known once they have a personal chat with the bot. */
  private async approverTeamsIds(request: ReclamationRequest): Promise<string[]> {
    const chat = await this.o.dataSource.getRepository(ConversationRef).findOneBy({ aadObjectId: request.approverId, conversationType: 'personal' });
    const id = (chat?.reference['user'] as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? [id] : [];
  }

  /** Configured approvers: named users first, then the people of the named groups (nested groups' too; never a group's own id). */
  private async approverIds(approvers: { users: string[]; groups: string[] }): Promise<string[]> {
    const ids = [...approvers.users];
    for (const group of approvers.groups) {
      try {
        for await (const page of listUserMembers(this.o.graph, group)) {
          for (const m of page.items) ids.push(m.id.toLowerCase());
        }
      } catch (error) {
        this.o.log.warn({ err: error, group }, 'could not read the members of an approvers group');
      }
    }
    return [...new Set(ids)];
  }
}
