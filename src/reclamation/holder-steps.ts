import type { Logger } from '../logging/logger';
import type { ReclamationRequest, ReclamationRequests } from '../store';
import { keepNote, reminderDue, type KeepReason } from './holder';
import type { Decision } from './service';
import type { ReclamationSettings, ReclamationSettingsValue } from './settings';

const DAY_MS = 86_400_000;

export interface HolderStepsOptions {
  requests: ReclamationRequests;
  settings: ReclamationSettings;
  log: Logger;
  now: () => Date;
}

/**
 * The holder's answers and the step's deadlines, each one compare-and-set with its audit event
 * (ReclamationRequests.transition): only the holder answers (their Entra object id is the request's
 * user), only while asking, on the version their card showed and before `askUntil`, all in the one
 * update. A release is recorded as the holder's decision; what follows (execution, the approver's
 * card) is the workflow's.
 */
export class HolderSteps {
  constructor(private readonly o: HolderStepsOptions) {}

  /** Release: to execution, or to the approver when the policy says so (`reclamation.managerAfterRelease`). */
  async release(id: string, actor: string, version: number): Promise<Decision> {
    const refusal = await this.notTheHolder(id, actor, 'holder.release');
    if (refusal) return refusal;
    const s = await this.o.settings.get();
    const now = this.o.now();
    const at = now.toISOString();
    const moved = await this.o.requests.transition(
      id,
      {
        from: ['asking'],
        to: s.managerAfterRelease ? 'requested' : 'released',
        version,
        actor,
        action: 'holder.release',
        deadline: { column: 'askUntil', at, is: 'open' },
        patch: {
          holderAnswer: 'released',
          holderAnsweredAt: at,
          ...(s.managerAfterRelease ? { expiresAt: approverDeadline(s, now) } : {}),
        },
        ...(s.managerAfterRelease
          ? { detail: { why: 'The policy has the approver decide after a release (reclamation.managerAfterRelease).' } }
          : {}),
      },
      now,
    );
    return moved ? { ok: true, request: moved } : this.notMoved(id, actor, 'holder.release', version, now);
  }

  /** Keep, with a reason: to the approver with it, or closed when the policy says so (`reclamation.keepCloses`). */
  async keep(id: string, actor: string, version: number, reason: KeepReason, text: string): Promise<Decision> {
    const refusal = await this.notTheHolder(id, actor, 'holder.keep');
    if (refusal) return refusal;
    const s = await this.o.settings.get();
    const now = this.o.now();
    const at = now.toISOString();
    const note = keepNote(reason, text);
    const moved = await this.o.requests.transition(
      id,
      {
        from: ['asking'],
        to: s.keepCloses ? 'kept' : 'requested',
        version,
        actor,
        action: 'holder.keep',
        deadline: { column: 'askUntil', at, is: 'open' },
        patch: {
          holderAnswer: 'kept',
          holderNote: note,
          holderAnsweredAt: at,
          ...(s.keepCloses ? { outcome: `Kept by the holder: ${note}` } : { expiresAt: approverDeadline(s, now) }),
        },
        detail: { why: note },
      },
      now,
    );
    return moved ? { ok: true, request: moved } : this.notMoved(id, actor, 'holder.keep', version, now);
  }

  /** Holders who did not answer by their deadline: their requests go to the approver. */
  async lapse(): Promise<ReclamationRequest[]> {
    const now = this.o.now();
    const moved: ReclamationRequest[] = [];
    for (const request of await this.o.requests.inState(['asking'])) {
      if (!request.askUntil || request.askUntil > now.toISOString()) continue;
      const done = await this.lapseOne(request.id, now);
      if (done) moved.push(done);
    }
    return moved;
  }

  /** Requests whose one reminder is due, each claimed once (another instance finds it claimed). */
  async remindersDue(): Promise<ReclamationRequest[]> {
    const now = this.o.now();
    const due: ReclamationRequest[] = [];
    for (const request of await this.o.requests.inState(['asking'])) {
      if (reminderDue(request, now) && (await this.o.requests.claimReminder(request.id, now)))
        due.push((await this.o.requests.get(request.id))!);
    }
    return due;
  }

  /**
   * Before the card is sent: the holder's deadline, `reclamation.askDays` from now. The version is
   * kept, so the card sent next carries the current one. Null when the request is not asking any more.
   */
  async setDeadline(id: string): Promise<string | null> {
    const s = await this.o.settings.get();
    const now = this.o.now();
    const askUntil = new Date(now.getTime() + s.askDays * DAY_MS).toISOString();
    return (await this.o.requests.noteAsking(id, { askUntil }, now)) ? askUntil : null;
  }

  /** The card reached the holder (audited as `holder.ask`, with how they were reached). */
  async asked(id: string, via: string): Promise<boolean> {
    const now = this.o.now();
    return this.o.requests.noteAsking(id, { askedAt: now.toISOString() }, now, {
      action: 'holder.ask',
      detail: { via },
    });
  }

  /** The holder could not be asked (`why`): the approver is, with the reason on their card. */
  async unreachable(id: string, why: string): Promise<ReclamationRequest | null> {
    const s = await this.o.settings.get();
    const now = this.o.now();
    return this.o.requests.transition(
      id,
      {
        from: ['asking'],
        to: 'requested',
        actor: 'system',
        action: 'holder.unreachable',
        patch: {
          holderAnswer: 'unreachable',
          holderNote: why,
          holderAnsweredAt: now.toISOString(),
          expiresAt: approverDeadline(s, now),
        },
        detail: { why },
      },
      now,
    );
  }

  /** asking → requested once `askUntil` has passed (checked in the same compare-and-set). */
  private async lapseOne(id: string, now: Date, detail?: Record<string, unknown>): Promise<ReclamationRequest | null> {
    const s = await this.o.settings.get();
    const request = await this.o.requests.get(id);
    const note = `No answer from the holder by ${request?.askUntil ?? now.toISOString()}.`;
    return this.o.requests.transition(
      id,
      {
        from: ['asking'],
        to: 'requested',
        actor: 'system',
        action: 'holder.unanswered',
        deadline: { column: 'askUntil', at: now.toISOString(), is: 'lapsed' },
        patch: {
          holderAnswer: 'unanswered',
          holderNote: note,
          holderAnsweredAt: now.toISOString(),
          expiresAt: approverDeadline(s, now),
        },
        detail: { why: note, ...detail },
      },
      now,
    );
  }

  /** Only the license holder answers: anyone else (a forwarded card, a forged payload) is refused and audited. */
  private async notTheHolder(id: string, actor: string, action: string): Promise<(Decision & { ok: false }) | null> {
    const request = await this.o.requests.get(id);
    if (!request) return this.refused(id, actor, action, 'No such request.');
    if (request.userId.toLowerCase() !== actor.toLowerCase())
      return this.refused(id, actor, action, 'Only the holder of this license may answer this question.');
    return null;
  }

  /** Why an answer changed nothing; past the deadline, the request goes to the approver now and the answer says so. */
  private async notMoved(id: string, actor: string, action: string, version: number, now: Date): Promise<Decision> {
    const lapsed = await this.lapseOne(id, now, { noticedBy: actor, on: action });
    if (lapsed) {
      return {
        ...(await this.refused(
          id,
          actor,
          action,
          `The question closed at ${lapsed.askUntil ?? ''}, before this answer: the approver decides now. Nothing was done.`,
        )),
        changed: true,
      };
    }
    const request = await this.o.requests.get(id);
    if (request?.state === 'asking' && !request.askUntil)
      return this.refused(id, actor, action, 'This question is not open yet.');
    return this.refused(
      id,
      actor,
      action,
      `The request is ${request?.state ?? 'gone'} (version ${request?.version ?? '?'}); this card showed version ${version}.`,
    );
  }

  private async refused(id: string, actor: string, action: string, why: string): Promise<Decision & { ok: false }> {
    await this.o.requests.refuse(id, actor, action, { why }, this.o.now());
    this.o.log.warn({ requestId: id, actor, action, why }, 'holder answer refused');
    return { ok: false, why, request: await this.o.requests.get(id) };
  }
}

/** The approver gets a full `reclamation.expiryDays` from the moment the request reaches them. */
function approverDeadline(s: ReclamationSettingsValue, now: Date): string {
  return new Date(now.getTime() + s.expiryDays * DAY_MS).toISOString();
}
