import type { DataSource, EntityManager } from 'typeorm';
import { assignLicense, GRAPH_PERMISSIONS, GraphError, type GraphClient } from '../graph';
import type { Logger } from '../logging/logger';
import { planServices } from '../insights/services';
import { isUniqueViolation, refreshHeldSkus, ReclamationRequests, Sku, UserLicense, type ReclamationRequest, type RequestState, type ServicePlanInfo } from '../store';
import { holds, keepsLicensed, licensesDrift, readUser, recheck, type FreshUser } from './recheck';

/** Exchange keeps a removed user's mailbox 30 days; re-assigning the same SKU within it reconnects the data. */
export const UNDO_DAYS = 30;
/** How long an approved request waits for another change to the same user's licenses to finish. */
export const EXECUTION_WAIT_MS = 120_000;

export interface ReclamationOptions {
  graph: GraphClient;
  dataSource: DataSource;
  log: Logger;
  now?: () => Date;
  /** Policy: why the user is excluded now, or null. */
  excludedWhy?: (userId: string) => Promise<string | null>;
  /**
   * Downgrades and overlap removals (the user keeps a license): why the approved change no longer
   * fits the user's stored licenses and usage, or null. Asked once the store is known to agree
   * with the fresh Graph read.
   */
  changeFitsWhy?: (request: ReclamationRequest) => Promise<string | null>;
}

export type Decision = { ok: true; request: ReclamationRequest } | { ok: false; why: string; request: ReclamationRequest | null };

/**
 * The one place that changes the tenant. Every step is a compare-and-set with its audit event,
 * written before the side effect; the Graph write removes only the approved SKU
 * (`addLicenses: []`, `removeLicenses: [sku]`; a downgrade adds its cheaper SKU in the same call)
 * after a fresh re-read of the user.
 */
export class Reclamation {
  readonly requests: ReclamationRequests;
  private readonly now: () => Date;

  constructor(private readonly options: ReclamationOptions) {
    this.requests = new ReclamationRequests(options.dataSource);
    this.now = options.now ?? (() => new Date());
  }

  /** The approver's Approve. The card's version must match; user and SKU come from the database. */
  async approve(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.decide(id, actor, version, 'approved', 'approve', comment);
  }

  async reject(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.decide(id, actor, version, 'rejected', 'reject', comment);
  }

  /**
   * approved → executing → reclaimed | skipped | failed. A second caller finds nothing to do; a
   * change to a user whose other request is executing waits for it (one at a time per user).
   */
  async execute(id: string, actor = 'system'): Promise<ReclamationRequest | null> {
    const claimed = await this.claim(id, actor);
    if (!claimed) return this.requests.get(id);
    const { graph } = this.options;
    let fresh;
    try {
      const roles = await graph.auth.roles();
      fresh = await readUser(graph, claimed.userId, roles.has(GRAPH_PERMISSIONS.signIns[0]));
    } catch (error) {
      return this.finish(id, 'failed', actor, 'execute', `Could not re-read the user from Graph: ${message(error)}`);
    }
    const excludedWhy = (await this.options.excludedWhy?.(claimed.userId)) ?? null;
    const check = recheck(claimed, fresh, excludedWhy);
    if (!check.ok) return this.finish(id, 'skipped', actor, 'execute', check.why);
    if (keepsLicensed(claimed)) {
      // The change was judged on the store's licenses and usage: they must still be the tenant's.
      const drift = await licensesDrift(this.options.dataSource, fresh!);
      if (drift) return this.finish(id, 'skipped', actor, 'execute', `The user's licenses changed since the last sync (${drift}): run a sync, then request again.`);
      const changed = (await this.options.changeFitsWhy?.(claimed)) ?? null;
      if (changed) return this.finish(id, 'skipped', actor, 'execute', changed);
    }
    // Kept before the write, so that undo restores them even after a crash settled by reconcile.
    await this.requests.noteExecuting(id, { disabledPlans: check.disabledPlans });
    if (claimed.dryRun) {
      return this.finish(id, 'reclaimed', actor, 'execute', 'Dry run: everything was checked, and no change was made in the tenant.', { disabledPlans: check.disabledPlans });
    }
    // A downgrade assigns the cheaper SKU in the same call (the user is never without a license),
    // with the plans that were off on the old one still off.
    const to = claimed.toSkuId;
    const done = to ? `Downgraded to ${String(claimed.evidence['toSkuName'] ?? to)}.` : 'License removed.';
    try {
      const add = to ? [{ skuId: to, disabledPlans: await carriedPlans(this.options.dataSource.manager, check.disabledPlans, claimed.skuId, to) }] : [];
      const result = await assignLicense(graph, claimed.userId, { addLicenses: add, removeLicenses: [claimed.skuId] });
      return this.finish(id, 'reclaimed', actor, 'execute', done, { disabledPlans: check.disabledPlans, ...(result.requestId ? { graphRequestId: result.requestId } : {}) });
    } catch (error) {
      // The write may have happened before the error reached us: look before calling it failed.
      const after = await readUser(graph, claimed.userId, false).catch(() => undefined);
      if (after && !holds(after, claimed.skuId) && (!to || holds(after, to))) {
        return this.finish(id, 'reclaimed', actor, 'execute', `${done.slice(0, -1)} (confirmed by reading the user after an error).`, { disabledPlans: check.disabledPlans });
      }
      return this.finish(id, 'failed', actor, 'execute', `Graph refused the ${to ? 'downgrade' : 'removal'}: ${message(error)}`);
    }
  }

  /** failed → approved → execute again, by the approver or an admin (the caller checks who). */
  async retry(id: string, actor: string, version: number): Promise<Decision> {
    const request = await this.requests.transition(id, { from: ['failed'], to: 'approved', version, actor, action: 'retry' }, this.now());
    if (!request) return this.refused(id, actor, 'retry', 'The request is no longer failed, or the card is out of date.');
    return { ok: true, request };
  }

  /**
   * reclaimed → undone: the same SKU back with the same disabled plans, within the grace period
   * (a downgrade's cheaper SKU is removed in the same call).
   */
  async undo(id: string, actor: string, version: number): Promise<Decision> {
    const request = await this.requests.get(id);
    if (!request) return this.refused(id, actor, 'undo', 'No such request.');
    const ageDays = (this.now().getTime() - Date.parse(request.updatedAt)) / 86_400_000;
    if (request.state === 'reclaimed' && ageDays > UNDO_DAYS) return this.refused(id, actor, 'undo', `Undo is possible for ${UNDO_DAYS} days after removal.`);
    const undone = await this.requests.transition(id, { from: ['reclaimed'], to: 'undone', version, actor, action: 'undo', effects: seatTaken }, this.now());
    if (!undone) return this.refused(id, actor, 'undo', 'The request is not reclaimed any more, or the card is out of date.');
    if (undone.dryRun) return { ok: true, request: undone };
    try {
      await assignLicense(
        this.options.graph,
        undone.userId,
        { addLicenses: [{ skuId: undone.skuId, disabledPlans: undone.disabledPlans ?? [] }], removeLicenses: undone.toSkuId ? [undone.toSkuId] : [] },
      );
      return { ok: true, request: undone };
    } catch (error) {
      const back = await this.requests.transition(id, { from: ['undone'], to: 'reclaimed', actor: 'system', action: 'undo-failed', detail: { error: message(error) }, effects: seatFreed }, this.now());
      return { ok: false, why: `The license could not be assigned again: ${message(error)}`, request: back };
    }
  }

  /**
   * At start-up: a request left `executing` by a crash is settled by reading the user, never by a
   * blind second call: license gone → reclaimed; still there → failed (Retry offered). A downgrade
   * is done only when the old SKU is gone and the new one is held (one call does both, so anything
   * else was changed by someone else: failed, with what the user holds). A user Graph cannot read
   * now (a 404 is a deleted user; a 503 is not) leaves the request failed, with Retry.
   */
  async reconcile(): Promise<number> {
    const stuck = await this.requests.inState(['executing']);
    for (const request of stuck) {
      let user: FreshUser | null;
      try {
        user = await readUser(this.options.graph, request.userId, false);
      } catch (error) {
        // A failed read says nothing about the license: failed (Retry re-reads before any change), never "gone".
        await this.finish(request.id, 'failed', 'system', 'reconcile', `Interrupted, and the user could not be read from Graph (${message(error)}): Retry reads the user again before any change.`);
        continue;
      }
      const old = !!user && holds(user, request.skuId);
      if (!request.toSkuId) {
        if (old) await this.finish(request.id, 'failed', 'system', 'reconcile', 'Interrupted before the license was removed: it is still assigned. Retry to remove it.');
        else await this.finish(request.id, 'reclaimed', 'system', 'reconcile', 'Interrupted after the removal: the license is gone.');
        continue;
      }
      const replaced = !!user && holds(user, request.toSkuId);
      if (!old && replaced) await this.finish(request.id, 'reclaimed', 'system', 'reconcile', 'Interrupted after the downgrade: the user holds the new license, not the old one.');
      else if (old && !replaced) await this.finish(request.id, 'failed', 'system', 'reconcile', 'Interrupted before the downgrade: the old license is still assigned. Retry to downgrade.');
      else await this.finish(request.id, 'failed', 'system', 'reconcile', `Interrupted; the user now holds ${!user ? 'nothing (deleted)' : old ? 'both licenses' : 'neither license'}: check the user's licenses before retrying.`);
    }
    return stuck.length;
  }

  /** Pending requests past their expiry become expired. */
  async expire(): Promise<ReclamationRequest[]> {
    const now = this.now();
    const expired: ReclamationRequest[] = [];
    for (const request of await this.requests.inState(['requested'])) {
      if (request.expiresAt > now.toISOString()) continue;
      const done = await this.requests.transition(request.id, { from: ['requested'], to: 'expired', actor: 'system', action: 'expire', patch: { outcome: 'No decision before the request expired.' } }, now);
      if (done) expired.push(done);
    }
    return expired;
  }

  private async decide(id: string, actor: string, version: number, to: RequestState, action: string, comment?: string): Promise<Decision> {
    const request = await this.requests.get(id);
    if (!request) return this.refused(id, actor, action, 'No such request.');
    if (request.approverId !== actor) return this.refused(id, actor, action, 'Only the approver of this request may decide it.');
    const decided = await this.requests.transition(id, { from: ['requested'], to, version, actor, action, ...(comment ? { patch: { comment } } : {}) }, this.now());
    if (!decided) return this.refused(id, actor, action, `The request is ${request.state} (version ${request.version}); this card showed version ${version}.`);
    return { ok: true, request: decided };
  }

  /**
   * approved → executing, once no other request of the same user is executing (the database's
   * unique index decides between instances). After EXECUTION_WAIT_MS the request fails, with Retry.
   */
  private async claim(id: string, actor: string): Promise<ReclamationRequest | null> {
    const deadline = Date.now() + EXECUTION_WAIT_MS;
    for (let pause = 50; ; pause = Math.min(pause * 2, 2_000)) {
      try {
        return await this.requests.transition(id, { from: ['approved'], to: 'executing', actor, action: 'execute' }, this.now());
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      if (Date.now() >= deadline) {
        await this.requests.transition(id, { from: ['approved'], to: 'failed', actor, action: 'execute', patch: { outcome: 'Another change to this user\'s licenses was still running. Retry once it is done.' } }, this.now());
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async refused(id: string, actor: string, action: string, why: string): Promise<Decision> {
    await this.requests.refuse(id, actor, action, { why }, this.now());
    this.options.log.warn({ requestId: id, actor, action, why }, 'reclamation action refused');
    return { ok: false, why, request: await this.requests.get(id) };
  }

  private async finish(id: string, to: RequestState, actor: string, action: string, outcome: string, patch: { disabledPlans?: string[]; graphRequestId?: string } = {}) {
    return this.requests.transition(id, { from: ['executing'], to, actor, action, patch: { ...patch, outcome }, ...(to === 'reclaimed' ? { effects: seatFreed } : {}) }, this.now());
  }
}

/**
 * What the tenant now looks like, in our store, until the next sync reads it: the user no longer
 * holds the license directly and one seat of the SKU is free (a downgrade's new SKU takes one).
 * A dry run changed nothing.
 */
async function seatFreed(manager: EntityManager, request: ReclamationRequest): Promise<void> {
  if (request.dryRun) return;
  await release(manager, request.userId, request.skuId);
  if (request.toSkuId) await take(manager, request.userId, request.toSkuId, await carriedPlans(manager, request.disabledPlans ?? [], request.skuId, request.toSkuId));
  await refreshHeldSkus(manager, [request.userId]);
}

/** Undo: the license is the user's again, with the disabled plans it had (a downgrade's new SKU is released). */
async function seatTaken(manager: EntityManager, request: ReclamationRequest): Promise<void> {
  if (request.dryRun) return;
  await take(manager, request.userId, request.skuId, request.disabledPlans ?? []);
  if (request.toSkuId) await release(manager, request.userId, request.toSkuId);
  await refreshHeldSkus(manager, [request.userId]);
}

async function release(manager: EntityManager, userId: string, skuId: string): Promise<void> {
  const removed = await manager.delete(UserLicense, { userId, skuId, assignedByGroup: '' });
  if (removed.affected) await manager.decrement(Sku, { skuId }, 'consumedUnits', 1);
}

async function take(manager: EntityManager, userId: string, skuId: string, disabledPlans: string[]): Promise<void> {
  if (await manager.findOneBy(UserLicense, { userId, skuId, assignedByGroup: '' })) return;
  await manager.insert(UserLicense, { userId, skuId, assignedByGroup: '', disabledPlans, state: 'Active', error: null, lastUpdatedDateTime: new Date().toISOString(), lastSeenRunId: null });
  await manager.increment(Sku, { skuId }, 'consumedUnits', 1);
}

/**
 * The new SKU's plans to keep off after a downgrade: those turned off on the old license (a plan id
 * is the same in every SKU), and those giving only services the old license had turned off, since
 * cheaper SKUs often give a service through another plan (EXCHANGE_S_STANDARD where E3 has
 * EXCHANGE_S_ENTERPRISE). So a mailbox kept on-premises, say, is not provisioned in Exchange Online.
 */
async function carriedPlans(manager: EntityManager, disabledPlans: readonly string[], fromSkuId: string, toSkuId: string): Promise<string[]> {
  if (disabledPlans.length === 0) return [];
  const [from, to] = await Promise.all([manager.findOneBy(Sku, { skuId: fromSkuId }), manager.findOneBy(Sku, { skuId: toSkuId })]);
  const off = new Set(disabledPlans.map((id) => id.toLowerCase()));
  const services = (plans: readonly ServicePlanInfo[]) => new Set(plans.flatMap((p) => planServices(p.servicePlanName)));
  const fromPlans = from?.servicePlans ?? [];
  const stillOn = services(fromPlans.filter((p) => !off.has(p.servicePlanId.toLowerCase())));
  const turnedOff = [...services(fromPlans.filter((p) => off.has(p.servicePlanId.toLowerCase())))].filter((s) => !stillOn.has(s));
  return (to?.servicePlans ?? []).filter((p) => {
    const given = planServices(p.servicePlanName);
    return off.has(p.servicePlanId.toLowerCase()) || (given.length > 0 && given.every((s) => turnedOff.includes(s)));
  }).map((p) => p.servicePlanId);
}

function message(error: unknown): string {
  if (error instanceof GraphError) return `${error.message} (HTTP ${error.status} ${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
