import type { DataSource } from 'typeorm';
import { assignLicense, GRAPH_PERMISSIONS, GraphError, type GraphClient } from '../graph';
import type { Logger } from '../logging/logger';
import { isUniqueViolation, ReclamationRequests, type ReclamationRequest, type RequestState } from '../store';
import { landed, settleInterrupted } from './interrupted';
import { keepsLicensed, licensesDrift, readUser, recheck, type FreshUser } from './recheck';
import { recordRun } from './runs';
import { carriedPlans, seatFreed, seatTaken } from './seats';

/** Exchange keeps a removed user's mailbox 30 days; re-assigning the same SKU within it reconnects the data. */
export const UNDO_DAYS = 30;
/** How long an approved request waits for another change to the same user's licenses to finish. */
export const EXECUTION_WAIT_MS = 120_000;
/** A decision to remove: the approver's approval, or the holder's release of their own license. */
export const RUNNABLE: readonly RequestState[] = ['approved', 'released'];

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
  /**
   * Evidence of use the re-read of the user does not carry (Copilot activity, from its report): why
   * the removal is no longer due, or null. Throws when it cannot tell: the request fails, with Retry.
   */
  freshUseWhy?: (request: ReclamationRequest) => Promise<string | null>;
}

/** A refusal may still have changed the request: `changed` when the decision found it expired, or an undo could not be written. */
export type Decision =
  | { ok: true; request: ReclamationRequest }
  | { ok: false; why: string; request: ReclamationRequest | null; changed?: boolean };

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

  /**
   * The approver's Approve, before the request's expiry. The card's version must match; user and
   * SKU come from the database.
   */
  async approve(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.decide(id, actor, version, 'approved', 'approve', comment);
  }

  async reject(id: string, actor: string, version: number, comment?: string): Promise<Decision> {
    return this.decide(id, actor, version, 'rejected', 'reject', comment);
  }

  /**
   * approved (or released by the holder) → executing → reclaimed | skipped | failed. A second caller finds nothing to do; a
   * change to a user whose other request is executing waits for it (one at a time per user).
   */
  async execute(id: string, actor = 'system'): Promise<ReclamationRequest | null> {
    return (await this.executeBatch([id], actor))[0] ?? null;
  }

  /**
   * Runs approved requests one after another: one Reclamation run in Application Task Tracking
   * (docs/product-rules.md R5), counting what was reclaimed, skipped and failed. Requests another caller ran already
   * count nowhere; a batch that ran none is not recorded.
   */
  async executeBatch(ids: readonly string[], actor = 'system'): Promise<(ReclamationRequest | null)[]> {
    const started = this.now();
    const out: (ReclamationRequest | null)[] = [];
    const ran: ReclamationRequest[] = [];
    for (const id of ids) {
      const { request, claimed } = await this.executeOne(id, actor);
      out.push(request);
      if (claimed && request) ran.push(request);
    }
    if (ran.length) await recordRun(this.options.dataSource, 'approval', started, ran, this.now());
    return out;
  }

  private async executeOne(
    id: string,
    actor: string,
  ): Promise<{ request: ReclamationRequest | null; claimed: boolean }> {
    const claimed = await this.claim(id, actor);
    if (!claimed) return { request: await this.requests.get(id), claimed: false };
    return { request: await this.executeClaimed(id, claimed, actor), claimed: true };
  }

  private async executeClaimed(
    id: string,
    claimed: ReclamationRequest,
    actor: string,
  ): Promise<ReclamationRequest | null> {
    const { graph } = this.options;
    let fresh;
    try {
      const roles = await graph.auth.roles();
      fresh = await readUser(graph, claimed.userId, roles.has(GRAPH_PERMISSIONS.signIns[0]));
    } catch (error) {
      return this.finish(id, 'failed', actor, 'execute', `Could not re-read the user from Graph: ${message(error)}`);
    }
    // A write an earlier attempt sent (before a crash or an error) may have landed since: the license
    // gone is that removal, to count and to undo, not a reason to skip.
    const to = claimed.toSkuId;
    const done = to ? `Downgraded to ${String(claimed.evidence['toSkuName'] ?? to)}.` : 'License removed.';
    if (claimed.writeSentAt && landed(fresh, claimed)) {
      const found = `by reading the user again: the ${to ? 'downgrade' : 'removal'} sent at ${claimed.writeSentAt} had landed`;
      return this.finish(
        id,
        'reclaimed',
        actor,
        'execute',
        `${done.slice(0, -1)} (found done ${found}).`,
        { disabledPlans: claimed.disabledPlans ?? [] },
        { found },
      );
    }
    const excludedWhy = (await this.options.excludedWhy?.(claimed.userId)) ?? null;
    const check = recheck(claimed, fresh, excludedWhy);
    if (!check.ok) return this.finish(id, 'skipped', actor, 'execute', check.why);
    let used: string | null;
    try {
      used = (await this.options.freshUseWhy?.(claimed)) ?? null;
    } catch (error) {
      return this.finish(
        id,
        'failed',
        actor,
        'execute',
        `Could not read the latest activity from Graph: ${message(error)}`,
      );
    }
    if (used) return this.finish(id, 'skipped', actor, 'execute', used);
    if (keepsLicensed(claimed)) {
      // The change was judged on the store's licenses and usage: they must still be the tenant's.
      const drift = await licensesDrift(this.options.dataSource, fresh!);
      if (drift)
        return this.finish(
          id,
          'skipped',
          actor,
          'execute',
          `The user's licenses changed since the last sync (${drift}): run a sync, then request again.`,
        );
      const changed = (await this.options.changeFitsWhy?.(claimed)) ?? null;
      if (changed) return this.finish(id, 'skipped', actor, 'execute', changed);
    }
    // Kept before the write, so that undo restores them even after a crash settled by reconcile, and
    // so that the license found gone later counts as this removal.
    await this.requests.noteExecuting(id, {
      disabledPlans: check.disabledPlans,
      ...(claimed.dryRun ? {} : { writeSentAt: this.now().toISOString() }),
    });
    if (claimed.dryRun) {
      return this.finish(
        id,
        'reclaimed',
        actor,
        'execute',
        'Dry run: everything was checked, and no change was made in the tenant.',
        { disabledPlans: check.disabledPlans },
      );
    }
    // A downgrade assigns the cheaper SKU in the same call (the user is never without a license),
    // with the plans that were off on the old one still off.
    try {
      const add = to
        ? [
            {
              skuId: to,
              disabledPlans: await carriedPlans(
                this.options.dataSource.manager,
                check.disabledPlans,
                claimed.skuId,
                to,
              ),
            },
          ]
        : [];
      const result = await assignLicense(graph, claimed.userId, { addLicenses: add, removeLicenses: [claimed.skuId] });
      return this.finish(id, 'reclaimed', actor, 'execute', done, {
        disabledPlans: check.disabledPlans,
        ...(result.requestId ? { graphRequestId: result.requestId } : {}),
      });
    } catch (error) {
      // The write may have happened before the error reached us: look before calling it failed.
      const after = await readUser(graph, claimed.userId, false).catch(() => undefined);
      if (after && landed(after, claimed)) {
        return this.finish(
          id,
          'reclaimed',
          actor,
          'execute',
          `${done.slice(0, -1)} (confirmed by reading the user after an error).`,
          { disabledPlans: check.disabledPlans },
          { found: 'by reading the user after an error' },
        );
      }
      // Graph answered that it did not make the change (a 4xx other than a timeout or throttling):
      // the write is not in flight, so a license found gone later is someone else's doing, not ours.
      const refused =
        error instanceof GraphError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 408 &&
        error.status !== 429;
      return this.finish(
        id,
        'failed',
        actor,
        'execute',
        `Graph refused the ${to ? 'downgrade' : 'removal'}: ${message(error)}`,
        refused ? { writeSentAt: null } : {},
      );
    }
  }

  /** failed → approved → execute again, by the approver or an admin (the caller checks who). */
  async retry(id: string, actor: string, version: number): Promise<Decision> {
    const request = await this.requests.transition(
      id,
      { from: ['failed'], to: 'approved', version, actor, action: 'retry' },
      this.now(),
    );
    if (!request)
      return this.refused(id, actor, 'retry', 'The request is no longer failed, or the card is out of date.');
    return { ok: true, request };
  }

  /**
   * reclaimed → undone: the same SKU back with the same disabled plans, within the grace period
   * (a downgrade's cheaper SKU is removed in the same call).
   */
  async undo(id: string, actor: string, version: number): Promise<Decision> {
    const now = this.now();
    const since = new Date(now.getTime() - UNDO_DAYS * 86_400_000).toISOString();
    const undone = await this.requests.transition(
      id,
      {
        from: ['reclaimed'],
        to: 'undone',
        version,
        actor,
        action: 'undo',
        deadline: { column: 'updatedAt', at: since, is: 'open' },
        effects: seatTaken,
      },
      now,
    );
    if (!undone) {
      const request = await this.requests.get(id);
      if (!request) return this.refused(id, actor, 'undo', 'No such request.');
      if (request.state === 'reclaimed' && request.updatedAt <= since)
        return this.refused(id, actor, 'undo', `Undo is possible for ${UNDO_DAYS} days after removal.`);
      return this.refused(id, actor, 'undo', 'The request is not reclaimed any more, or the card is out of date.');
    }
    if (undone.dryRun) {
      await recordRun(this.options.dataSource, 'undo', now, [undone], this.now());
      return { ok: true, request: undone };
    }
    try {
      await assignLicense(this.options.graph, undone.userId, {
        addLicenses: [{ skuId: undone.skuId, disabledPlans: undone.disabledPlans ?? [] }],
        removeLicenses: undone.toSkuId ? [undone.toSkuId] : [],
      });
      await recordRun(this.options.dataSource, 'undo', now, [undone], this.now());
      return { ok: true, request: undone };
    } catch (error) {
      const why = `The license could not be assigned again: ${message(error)}`;
      const back = await this.requests.transition(
        id,
        {
          from: ['undone'],
          to: 'reclaimed',
          actor: 'system',
          action: 'undo-failed',
          detail: { error: message(error) },
          effects: seatFreed,
        },
        this.now(),
      );
      await recordRun(this.options.dataSource, 'undo', now, [], this.now(), [why]);
      return { ok: false, why, request: back, changed: true };
    }
  }

  /**
   * At start-up: a request left `executing` by a crash is settled by reading the user, never by a
   * blind second call (interrupted.ts: whether the license is gone, and whether our write had been
   * sent before the crash). A user Graph cannot read now (a 404 is a deleted user; a 503 is
   * not) leaves the request failed, with Retry.
   */
  async reconcile(): Promise<number> {
    const stuck = await this.requests.inState(['executing']);
    for (const request of stuck) {
      let user: FreshUser | null;
      try {
        user = await readUser(this.options.graph, request.userId, false);
      } catch (error) {
        // A failed read says nothing about the license: failed (Retry re-reads before any change), never "gone".
        await this.finish(
          request.id,
          'failed',
          'system',
          'reconcile',
          `Interrupted, and the user could not be read from Graph (${message(error)}): Retry reads the user again before any change.`,
        );
        continue;
      }
      const { state, outcome } = settleInterrupted(request, user);
      await this.finish(request.id, state, 'system', 'reconcile', outcome, {}, { found: outcome });
    }
    return stuck.length;
  }

  /** Pending requests past their expiry become expired. */
  async expire(): Promise<ReclamationRequest[]> {
    const now = this.now();
    const expired: ReclamationRequest[] = [];
    for (const request of await this.requests.inState(['requested'])) {
      if (request.expiresAt > now.toISOString()) continue;
      const done = await this.expireOne(request.id, now);
      if (done) expired.push(done);
    }
    return expired;
  }

  /**
   * Approve or reject: only by the approver, only while requested, only before `expiresAt`, all in
   * the one compare-and-set. A request found past its expiry (the hourly expiry has not run yet)
   * expires now, and the decision is refused.
   */
  private async decide(
    id: string,
    actor: string,
    version: number,
    to: RequestState,
    action: string,
    comment?: string,
  ): Promise<Decision> {
    const request = await this.requests.get(id);
    if (!request) return this.refused(id, actor, action, 'No such request.');
    if (request.approverId !== actor)
      return this.refused(id, actor, action, 'Only the approver of this request may decide it.');
    const now = this.now();
    const open = { column: 'expiresAt', at: now.toISOString(), is: 'open' } as const;
    const decided = await this.requests.transition(
      id,
      { from: ['requested'], to, version, actor, action, deadline: open, ...(comment ? { patch: { comment } } : {}) },
      now,
    );
    if (decided) return { ok: true, request: decided };
    const expired = await this.expireOne(id, now, { noticedBy: actor, on: action });
    if (expired)
      return {
        ...(await this.refused(
          id,
          actor,
          action,
          `The request expired at ${expired.expiresAt}, before this decision: nothing was done.`,
        )),
        changed: true,
      };
    return this.refused(
      id,
      actor,
      action,
      `The request is ${request.state} (version ${request.version}); this card showed version ${version}.`,
    );
  }

  /** requested → expired, once `expiresAt` has passed (checked in the same compare-and-set). */
  private expireOne(id: string, now: Date, detail?: Record<string, unknown>): Promise<ReclamationRequest | null> {
    return this.requests.transition(
      id,
      {
        from: ['requested'],
        to: 'expired',
        actor: 'system',
        action: 'expire',
        deadline: { column: 'expiresAt', at: now.toISOString(), is: 'lapsed' },
        patch: { outcome: 'No decision before the request expired.' },
        ...(detail ? { detail } : {}),
      },
      now,
    );
  }

  /**
   * approved (or released by the holder) → executing, once no other request of the same user is
   * executing (the database's unique index decides between instances). After EXECUTION_WAIT_MS the
   * request fails, with Retry.
   */
  private async claim(id: string, actor: string): Promise<ReclamationRequest | null> {
    const deadline = Date.now() + EXECUTION_WAIT_MS;
    for (let pause = 50; ; pause = Math.min(pause * 2, 2_000)) {
      try {
        return await this.requests.transition(
          id,
          { from: RUNNABLE, to: 'executing', actor, action: 'execute' },
          this.now(),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      if (Date.now() >= deadline) {
        await this.requests.transition(
          id,
          {
            from: RUNNABLE,
            to: 'failed',
            actor,
            action: 'execute',
            patch: { outcome: "Another change to this user's licenses was still running. Retry once it is done." },
          },
          this.now(),
        );
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async refused(id: string, actor: string, action: string, why: string): Promise<Decision & { ok: false }> {
    await this.requests.refuse(id, actor, action, { why }, this.now());
    this.options.log.warn({ requestId: id, actor, action, why }, 'reclamation action refused');
    return { ok: false, why, request: await this.requests.get(id) };
  }

  /** executing → its outcome; `detail` goes to the history (e.g. how a removal was found done). */
  private async finish(
    id: string,
    to: RequestState,
    actor: string,
    action: string,
    outcome: string,
    patch: { disabledPlans?: string[]; graphRequestId?: string; writeSentAt?: null } = {},
    detail?: Record<string, unknown>,
  ) {
    return this.requests.transition(
      id,
      {
        from: ['executing'],
        to,
        actor,
        action,
        patch: { ...patch, outcome },
        ...(detail ? { detail } : {}),
        ...(to === 'reclaimed' ? { effects: seatFreed } : {}),
      },
      this.now(),
    );
  }
}

/** An error in words for an outcome: Graph's with its status and code. */
export function message(error: unknown): string {
  if (error instanceof GraphError) return `${error.message} (HTTP ${error.status} ${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
