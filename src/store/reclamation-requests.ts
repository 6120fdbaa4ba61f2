import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThanOrEqual, Not, type DataSource, type EntityManager } from 'typeorm';
import { AuditEvent, ReclamationRequest } from './entities';
import { OPEN_REQUEST_STATES, type HolderAnswer, type RequestState } from './request-states';

export interface NewRequest {
  userId: string;
  userPrincipalName: string;
  skuId: string;
  /** Downgrade: the cheaper SKU that replaces `skuId`. */
  toSkuId?: string | null;
  reason: string;
  evidence: Record<string, unknown>;
  requestedBy: string;
  approverId: string;
  monthlySaving?: string | null;
  currency?: string | null;
  dryRun: boolean;
  expiresAt: string;
  /** `asking`: the holder is asked first (src/reclamation/holder.ts); default `requested`, the approver. */
  state?: 'asking' | 'requested';
  /** Why the holder is not part of it (`unreachable`, `cooldown`), or `asking`. */
  holderAnswer?: HolderAnswer | null;
  holderNote?: string | null;
}

/** Columns of the holder's step a transition may set. */
type HolderPatch = Partial<
  Pick<ReclamationRequest, 'holderAnswer' | 'holderNote' | 'holderAnsweredAt' | 'askUntil' | 'expiresAt'>
>;

export interface Transition {
  from: readonly RequestState[];
  to: RequestState;
  /** When given, the request must still be at this version (the card the actor saw). */
  version?: number;
  /**
   * A deadline checked in the same UPDATE: `open`, the column must still be later than `at` (a
   * decision before `expiresAt`, an undo within its window); `lapsed`, no later than it (expiry).
   */
  deadline?: { column: 'expiresAt' | 'updatedAt' | 'askUntil'; at: string; is: 'open' | 'lapsed' };
  actor: string;
  /** Audit action, e.g. `approve`, `execute`, `reconcile`. */
  action: string;
  patch?: Partial<
    Pick<ReclamationRequest, 'disabledPlans' | 'graphRequestId' | 'comment' | 'outcome' | 'writeSentAt'>
  > &
    HolderPatch;
  detail?: Record<string, unknown>;
  /** Store changes that belong to this step, written in the same transaction (e.g. the seat freed). */
  effects?: (manager: EntityManager, request: ReclamationRequest) => Promise<void>;
}

/**
 * Reclamation requests with their append-only history. Every state change is one compare-and-set
 * (`UPDATE … WHERE id = ? AND state IN (…) [AND version = ?] [AND deadline]`) written in the same
 * transaction as its audit event, before any side effect. Of twenty concurrent clicks exactly one wins.
 */
export class ReclamationRequests {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewRequest, now: Date): Promise<ReclamationRequest> {
    return this.dataSource.transaction(async (manager) => {
      const at = now.toISOString();
      const request = manager.getRepository(ReclamationRequest).create({
        id: randomUUID(),
        ...input,
        toSkuId: input.toSkuId ?? null,
        monthlySaving: input.monthlySaving ?? null,
        currency: input.currency ?? null,
        state: input.state ?? 'requested',
        holderAnswer: input.holderAnswer ?? null,
        holderNote: input.holderNote ?? null,
        askedAt: null,
        askUntil: null,
        remindedAt: null,
        holderAnsweredAt: null,
        version: 1,
        disabledPlans: null,
        graphRequestId: null,
        writeSentAt: null,
        comment: null,
        outcome: null,
        cards: {},
        createdAt: at,
        updatedAt: at,
      });
      await manager.getRepository(ReclamationRequest).save(request);
      const holder = input.holderAnswer
        ? { holder: input.holderAnswer, ...(input.holderNote ? { why: input.holderNote } : {}) }
        : {};
      await audit(manager, {
        at,
        actor: input.requestedBy,
        action: 'request',
        request,
        outcome: 'ok',
        detail: { reason: input.reason, approverId: input.approverId, dryRun: input.dryRun, ...holder },
      });
      return request;
    });
  }

  /** Applies a transition if the request is still where the caller believes; null otherwise (nothing written). */
  async transition(id: string, t: Transition, now: Date): Promise<ReclamationRequest | null> {
    return this.dataSource.transaction(async (manager) => {
      const at = now.toISOString();
      const query = manager
        .createQueryBuilder()
        .update(ReclamationRequest)
        .set({ ...t.patch, state: t.to, version: () => 'version + 1', updatedAt: at })
        .where('id = :id', { id })
        .andWhere('state IN (:...from)', { from: [...t.from] });
      if (t.version !== undefined) query.andWhere('version = :version', { version: t.version });
      // Column names come from the closed union above, never from input.
      if (t.deadline)
        query.andWhere(`"${t.deadline.column}" ${t.deadline.is === 'open' ? '>' : '<='} :deadline`, {
          deadline: t.deadline.at,
        });
      const result = await query.execute();
      if ((result.affected ?? 0) !== 1) return null;
      const request = await manager.getRepository(ReclamationRequest).findOneByOrFail({ id });
      await audit(manager, {
        at,
        actor: t.actor,
        action: t.action,
        request,
        outcome: 'ok',
        detail: { to: t.to, ...t.detail },
      });
      await t.effects?.(manager, request);
      return request;
    });
  }

  /** Records a refused attempt (wrong approver, stale card, forged payload…) without changing the request. */
  async refuse(
    id: string | null,
    actor: string,
    action: string,
    detail: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    const request = id ? await this.get(id) : null;
    await this.dataSource.transaction((manager) =>
      audit(manager, {
        at: now.toISOString(),
        actor,
        action,
        request,
        outcome: 'refused',
        detail,
        subjectId: id ?? 'unknown',
      }),
    );
  }

  async get(id: string): Promise<ReclamationRequest | null> {
    return this.dataSource.getRepository(ReclamationRequest).findOneBy({ id });
  }

  async inState(states: readonly RequestState[]): Promise<ReclamationRequest[]> {
    return this.dataSource
      .getRepository(ReclamationRequest)
      .find({ where: { state: In([...states]) }, order: { createdAt: 'ASC' } });
  }

  /** The user's open requests, whatever the SKU (a second request for the same license is refused; the index enforces it). */
  async openForUser(userId: string): Promise<ReclamationRequest[]> {
    return this.dataSource
      .getRepository(ReclamationRequest)
      .find({ where: { userId, state: In([...OPEN_REQUEST_STATES]) }, order: { createdAt: 'ASC' } });
  }

  /**
   * For the approvals view: open requests oldest first and closed ones latest first, `take` of each;
   * of everyone, or of one person (as approver or requester).
   */
  async openAndRecent(
    person: string | null,
    take: number,
  ): Promise<{ pending: ReclamationRequest[]; recent: ReclamationRequest[] }> {
    const repo = this.dataSource.getRepository(ReclamationRequest);
    const whose = person === null ? [{}] : [{ approverId: person }, { requestedBy: person }];
    const pending = await repo.find({
      where: whose.map((w) => ({ ...w, state: In([...OPEN_REQUEST_STATES]) })),
      order: { createdAt: 'ASC' },
      take,
    });
    const recent = await repo.find({
      where: whose.map((w) => ({ ...w, state: Not(In([...OPEN_REQUEST_STATES])) })),
      order: { updatedAt: 'DESC' },
      take,
    });
    return { pending, recent };
  }

  /** Requests waiting for their approver, and when the oldest one was made. */
  async awaitingApproval(): Promise<{ pending: number; oldestCreatedAt: string | null }> {
    const repo = this.dataSource.getRepository(ReclamationRequest);
    const [oldest] = await repo.find({
      where: { state: 'requested' },
      order: { createdAt: 'ASC' },
      take: 1,
      select: { id: true, createdAt: true },
    });
    return { pending: await repo.countBy({ state: 'requested' }), oldestCreatedAt: oldest?.createdAt ?? null };
  }

  /** Licenses reclaimed (not dry runs, not undone) since `since`, with a known monthly saving. */
  async reclaimedSince(since: Date): Promise<ReclamationRequest[]> {
    return this.dataSource
      .getRepository(ReclamationRequest)
      .createQueryBuilder('r')
      .where(
        'r.state = :state AND r.dryRun = :dry AND r.updatedAt >= :since AND r.monthlySaving IS NOT NULL AND r.currency IS NOT NULL',
        { state: 'reclaimed', dry: false, since: since.toISOString() },
      )
      .getMany();
  }

  /**
   * Notes, while the request is executing and before the Graph write, what the execution read (the
   * disabled plans) and that the write is being sent (`writeSentAt`): from then on the license
   * being gone may be our removal landing, even after a crash or an error.
   */
  async noteExecuting(
    id: string,
    patch: Pick<ReclamationRequest, 'disabledPlans'> & { writeSentAt?: string },
  ): Promise<void> {
    await this.dataSource.getRepository(ReclamationRequest).update({ id, state: 'executing' }, patch);
  }

  async history(requestIds: readonly string[]): Promise<AuditEvent[]> {
    if (requestIds.length === 0) return [];
    return this.dataSource
      .getRepository(AuditEvent)
      .find({ where: { requestId: In([...requestIds]) }, order: { id: 'ASC' } });
  }

  /**
   * While the holder is asked, steps that change no decision and so keep the version their card
   * carries: the deadline set before the card is sent, and when it reached them (audited as
   * `holder.ask`). False when the request is not asking any more.
   */
  async noteAsking(
    id: string,
    patch: Pick<ReclamationRequest, 'askUntil'> | Pick<ReclamationRequest, 'askedAt'>,
    now: Date,
    audited?: { action: string; detail: Record<string, unknown> },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(ReclamationRequest).update({ id, state: 'asking' }, patch);
      if ((result.affected ?? 0) !== 1) return false;
      if (audited) {
        const request = await manager.getRepository(ReclamationRequest).findOneByOrFail({ id });
        await audit(manager, {
          at: now.toISOString(),
          actor: 'system',
          action: audited.action,
          request,
          outcome: 'ok',
          detail: audited.detail,
        });
      }
      return true;
    });
  }

  /** The one reminder: true for the caller that set `remindedAt` (another instance finds it set), audited. */
  async claimReminder(id: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(ReclamationRequest)
        .update({ id, state: 'asking', remindedAt: IsNull() }, { remindedAt: now.toISOString() });
      if ((result.affected ?? 0) !== 1) return false;
      const request = await manager.getRepository(ReclamationRequest).findOneByOrFail({ id });
      await audit(manager, {
        at: now.toISOString(),
        actor: 'system',
        action: 'holder.remind',
        request,
        outcome: 'ok',
        detail: { askUntil: request.askUntil },
      });
      return true;
    });
  }

  /** The holder's latest Keep for this license, if any (the cooldown before asking again). */
  async lastKept(userId: string, skuId: string): Promise<ReclamationRequest | null> {
    return this.dataSource
      .getRepository(ReclamationRequest)
      .findOne({ where: { userId, skuId, holderAnswer: 'kept' }, order: { holderAnsweredAt: 'DESC' } });
  }

  /** The holders' Keeps since `since` (the cooldown of a bulk ask's preview), newest first. */
  async keptSince(since: Date): Promise<ReclamationRequest[]> {
    return this.dataSource.getRepository(ReclamationRequest).find({
      where: { holderAnswer: 'kept', holderAnsweredAt: MoreThanOrEqual(since.toISOString()) },
      order: { holderAnsweredAt: 'DESC' },
    });
  }

  /** Holders asked since `since`, and how many released, kept, did not answer or could not be asked. */
  async holderCounts(
    since: Date,
  ): Promise<Record<'asked' | 'released' | 'kept' | 'unanswered' | 'unreachable', number>> {
    const repo = this.dataSource.getRepository(ReclamationRequest);
    const at = since.toISOString();
    const answered = (answer: HolderAnswer) =>
      repo.countBy({ holderAnswer: answer, holderAnsweredAt: MoreThanOrEqual(at) });
    return {
      asked: await repo.countBy({ askedAt: MoreThanOrEqual(at) }),
      released: await answered('released'),
      kept: await answered('kept'),
      unanswered: await answered('unanswered'),
      unreachable: await answered('unreachable'),
    };
  }

  async byIds(ids: readonly string[]): Promise<ReclamationRequest[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(ReclamationRequest)
      .find({ where: { id: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  async recordCard(id: string, conversationId: string, activityId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.getRepository(ReclamationRequest).findOneByOrFail({ id });
      await manager
        .getRepository(ReclamationRequest)
        .update({ id }, { cards: { ...request.cards, [conversationId]: activityId } });
    });
  }
}

async function audit(
  manager: EntityManager,
  e: {
    at: string;
    actor: string;
    action: string;
    request: ReclamationRequest | null;
    outcome: string;
    detail: Record<string, unknown>;
    subjectId?: string;
  },
): Promise<void> {
  await manager.getRepository(AuditEvent).insert({
    at: e.at,
    actor: e.actor,
    action: e.action,
    subjectType: 'request',
    subjectId: e.request?.userPrincipalName ?? e.subjectId ?? 'unknown',
    requestId: e.request?.id ?? null,
    outcome: e.outcome,
    detail: {
      ...(e.request
        ? { userId: e.request.userId, skuId: e.request.skuId, state: e.request.state, version: e.request.version }
        : {}),
      ...e.detail,
    },
  });
}
