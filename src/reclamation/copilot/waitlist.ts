import type { DataSource } from 'typeorm';
import type { GraphClient } from '../../graph';
import type { Logger } from '../../logging/logger';
import { CopilotWaitlist, isCopilotSku, Sku, TenantUser, UserLicense, type CopilotWaitlistEntry } from '../../store';
import { assignSeat, settleStuck, undoSeat, type AssignDeps, type SeatOutcome } from './assign';

export interface CopilotWaitlistOptions {
  graph: GraphClient;
  dataSource: DataSource;
  log: Logger;
  now: () => Date;
}

/** A reason at most this long (the card's input caps it too). */
export const MAX_REASON = 500;

export type JoinResult =
  { ok: true; joined: boolean; entry: CopilotWaitlistEntry; position: number } | { ok: false; why: string };

/** Copilot seats as the store knows them since the last sync (and the changes made since). */
export interface SeatCount {
  purchased: number;
  assigned: number;
  free: number;
}

/**
 * The Copilot waitlist: anyone asks for a seat (with a reason), admins see the line, a free seat is
 * proposed to an admin for the next person, and only an admin's Confirm assigns it (assign.ts).
 */
export class CopilotWaitlistService {
  readonly waitlist: CopilotWaitlist;
  private readonly deps: AssignDeps;

  constructor(private readonly o: CopilotWaitlistOptions) {
    this.waitlist = new CopilotWaitlist(o.dataSource);
    this.deps = { ...o, waitlist: this.waitlist };
  }

  /**
   * `copilot request [reason]` of the person `userId`: refused (and the refusal audited) for a reason
   * too long, an unknown person or one who holds Copilot already.
   */
  async request(userId: string, reason: string | null): Promise<JoinResult> {
    const refused = async (why: string): Promise<JoinResult> => {
      await this.waitlist.refuse(null, userId, 'copilot.request', why, this.o.now(), userId);
      return { ok: false, why };
    };
    const text = reason?.trim() || null;
    if (text && text.length > MAX_REASON)
      return refused(`The reason is ${text.length} characters long; at most ${MAX_REASON} are kept.`);
    const user = await this.o.dataSource.getRepository(TenantUser).findOneBy({ id: userId });
    if (!user || user.deactivatedDate !== null)
      return refused(
        'You are not among the users License Steward read from the directory: ask an admin to run `sync`, then ask again.',
      );
    if (await this.holdsCopilot(userId)) return refused('You already hold a Microsoft 365 Copilot license.');
    const { joined, entry } = await this.waitlist.join(
      { userId, userPrincipalName: user.userPrincipalName, displayName: user.displayName },
      text,
      this.o.now(),
    );
    return { ok: true, joined, entry, position: await this.waitlist.position(entry) };
  }

  /** Leaves the line (the person themselves); null when they were not waiting. */
  async cancel(userId: string): Promise<CopilotWaitlistEntry | null> {
    const open = await this.waitlist.openFor(userId);
    if (!open) return null;
    return this.waitlist.step(
      open.id,
      {
        from: ['waiting'],
        to: 'cancelled',
        actor: userId,
        action: 'copilot.cancel',
        patch: { outcome: 'Withdrawn by the requester.' },
      },
      this.o.now(),
    );
  }

  /** The person's place in line, if waiting. */
  async placeOf(userId: string): Promise<{ entry: CopilotWaitlistEntry; position: number } | null> {
    const entry = await this.waitlist.openFor(userId);
    return entry ? { entry, position: await this.waitlist.position(entry) } : null;
  }

  /** A page of the people waiting, first in line first, with their places. */
  async list(
    page: number,
    pageSize: number,
  ): Promise<{ items: { entry: CopilotWaitlistEntry; position: number }[]; total: number }> {
    const { items, total } = await this.waitlist.waiting((page - 1) * pageSize, pageSize);
    return { items: items.map((entry, i) => ({ entry, position: (page - 1) * pageSize + i + 1 })), total };
  }

  get(id: string): Promise<CopilotWaitlistEntry | null> {
    return this.waitlist.get(id);
  }

  /** Seats of the tenant's enabled Copilot SKUs, as stored. */
  async seats(): Promise<SeatCount> {
    const skus = (await this.o.dataSource.getRepository(Sku).findBy({ capabilityStatus: 'Enabled' })).filter(
      isCopilotSku,
    );
    const purchased = skus.reduce((n, s) => n + s.prepaidEnabled, 0);
    const assigned = skus.reduce((n, s) => n + s.consumedUnits, 0);
    return { purchased, assigned, free: Math.max(0, purchased - assigned) };
  }

  /**
   * The people to propose to an admin now: as many of those waiting, first in line first, as seats
   * are free and not already proposed; each is proposed once (until put back in line).
   */
  async proposals(): Promise<CopilotWaitlistEntry[]> {
    await settleStuck(this.deps);
    const { free } = await this.seats();
    if (free <= 0) return [];
    const pending = (await this.waitlist.waiting(0, free)).items.filter((e) => e.proposedAt !== null).length;
    return free - pending > 0 ? this.waitlist.propose(free - pending, this.o.now()) : [];
  }

  /** An admin's Confirm on the proposal: the seat assigned, or why not. */
  assign(id: string, version: number, actor: string): Promise<SeatOutcome> {
    return assignSeat(this.deps, id, version, actor);
  }

  /** Assignments a stop interrupted, settled by reading the person (proposals and Confirm do it first). */
  settle(): Promise<number> {
    return settleStuck(this.deps);
  }

  /** An admin's Undo on an assignment: the license removed again and the person back in line. */
  undo(id: string, version: number, actor: string): Promise<SeatOutcome> {
    return undoSeat(this.deps, id, version, actor);
  }

  private async holdsCopilot(userId: string): Promise<boolean> {
    const skus = (await this.o.dataSource.getRepository(Sku).find())
      .filter(isCopilotSku)
      .map((s) => s.skuId.toLowerCase());
    const held = await this.o.dataSource.getRepository(UserLicense).findBy({ userId });
    return held.some((l) => skus.includes(l.skuId.toLowerCase()) || isCopilotSku({ skuId: l.skuId }));
  }
}

export type { SeatOutcome };
