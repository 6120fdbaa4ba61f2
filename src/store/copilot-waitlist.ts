import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { OPEN_WAITLIST_STATES, type WaitlistState } from './copilot-waitlist-states';
import { AuditEvent, CopilotWaitlistEntry } from './entities';
import { isUniqueViolation } from './unique-violation';

export interface WaitlistPerson {
  userId: string;
  userPrincipalName: string;
  displayName: string | null;
}

export interface WaitlistStep {
  from: readonly WaitlistState[];
  to: WaitlistState;
  /** When given, the entry must still be at this version (the card the admin saw). */
  version?: number;
  actor: string;
  /** Audit action, e.g. `copilot.assign`. */
  action: string;
  patch?: Partial<
    Pick<CopilotWaitlistEntry, 'skuId' | 'assignedBy' | 'assignedAt' | 'graphRequestId' | 'outcome' | 'proposedAt'>
  >;
  detail?: Record<string, unknown>;
  /** Store changes that belong to this step, in the same transaction (the seat taken or given back). */
  effects?: (manager: EntityManager, entry: CopilotWaitlistEntry) => Promise<void>;
}

/**
 * The Copilot waitlist with its history in the audit log (subject: the person's object id, which
 * `history <upn>` looks up whatever the case of the UPN typed). Every change is one compare-and-set written with its audit event; the two partial
 * unique indexes of the table keep one open entry per person and one assignment in flight.
 */
export class CopilotWaitlist {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Puts a person in line; `joined: false` with their open entry when they already are. `by` says who
   * put them there when it was not themselves (an admin's Undo puts them back at their first place).
   */
  async join(
    person: WaitlistPerson,
    reason: string | null,
    now: Date,
    requestedAt = now.toISOString(),
    by = { actor: person.userId, action: 'copilot.request' },
  ): Promise<{ joined: boolean; entry: CopilotWaitlistEntry }> {
    try {
      const entry = await this.dataSource.transaction(async (manager) => {
        const at = now.toISOString();
        const created = manager.getRepository(CopilotWaitlistEntry).create({
          id: randomUUID(),
          ...person,
          reason,
          state: 'waiting',
          version: 1,
          requestedAt,
          updatedAt: at,
          proposedAt: null,
          skuId: null,
          assignedBy: null,
          assignedAt: null,
          graphRequestId: null,
          outcome: null,
        });
        await manager.getRepository(CopilotWaitlistEntry).insert(created);
        await audit(manager, { at, ...by, entry: created, outcome: 'ok', detail: { reason } });
        return created;
      });
      return { joined: true, entry };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const open = await this.openFor(person.userId);
      if (!open) throw error;
      return { joined: false, entry: open };
    }
  }

  /** Applies a step if the entry is still where the caller believes; null otherwise (nothing written). */
  async step(id: string, s: WaitlistStep, now: Date): Promise<CopilotWaitlistEntry | null> {
    return this.dataSource.transaction(async (manager) => {
      const at = now.toISOString();
      const query = manager
        .createQueryBuilder()
        .update(CopilotWaitlistEntry)
        .set({ ...s.patch, state: s.to, version: () => 'version + 1', updatedAt: at })
        .where('id = :id', { id })
        .andWhere('state IN (:...from)', { from: [...s.from] });
      if (s.version !== undefined) query.andWhere('version = :version', { version: s.version });
      if ((await query.execute()).affected !== 1) return null;
      const entry = await manager.getRepository(CopilotWaitlistEntry).findOneByOrFail({ id });
      await audit(manager, {
        at,
        actor: s.actor,
        action: s.action,
        entry,
        outcome: 'ok',
        detail: { to: s.to, ...s.detail },
      });
      await s.effects?.(manager, entry);
      return entry;
    });
  }

  /**
   * Records a refused attempt (a stale card, no seat free, a request from someone who may not ask)
   * without changing anything; `subject` is the person concerned when there is no entry.
   */
  async refuse(
    entry: CopilotWaitlistEntry | null,
    actor: string,
    action: string,
    why: string,
    now: Date,
    subject?: string,
  ): Promise<void> {
    await this.dataSource.transaction((manager) =>
      audit(manager, {
        at: now.toISOString(),
        actor,
        action,
        entry,
        outcome: 'refused',
        detail: { why },
        ...(subject ? { subject } : {}),
      }),
    );
  }

  get(id: string): Promise<CopilotWaitlistEntry | null> {
    return this.dataSource.getRepository(CopilotWaitlistEntry).findOneBy({ id });
  }

  openFor(userId: string): Promise<CopilotWaitlistEntry | null> {
    return this.dataSource
      .getRepository(CopilotWaitlistEntry)
      .findOneBy({ userId, state: In([...OPEN_WAITLIST_STATES]) });
  }

  /** People waiting, first come first served (ties by id), a page of them and how many there are. */
  async waiting(skip: number, take: number): Promise<{ items: CopilotWaitlistEntry[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(CopilotWaitlistEntry)
      .findAndCount({ where: { state: 'waiting' }, order: { requestedAt: 'ASC', id: 'ASC' }, skip, take });
    return { items, total };
  }

  /** 1 for the first in line. */
  async position(entry: CopilotWaitlistEntry): Promise<number> {
    const ahead = await this.dataSource
      .getRepository(CopilotWaitlistEntry)
      .createQueryBuilder('w')
      .where('w.state = :waiting', { waiting: 'waiting' })
      .andWhere('(w.requestedAt < :at OR (w.requestedAt = :at AND w.id < :id))', {
        at: entry.requestedAt,
        id: entry.id,
      })
      .getCount();
    return ahead + 1;
  }

  /** The first `take` people waiting whom the bot has not proposed yet, marked proposed now (each by one caller only). */
  async propose(take: number, now: Date): Promise<CopilotWaitlistEntry[]> {
    const repo = this.dataSource.getRepository(CopilotWaitlistEntry);
    const candidates = await repo.find({
      where: { state: 'waiting', proposedAt: IsNull() },
      order: { requestedAt: 'ASC', id: 'ASC' },
      take,
    });
    const marked: CopilotWaitlistEntry[] = [];
    for (const c of candidates) {
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({ proposedAt: now.toISOString() })
        .where('id = :id AND state = :waiting AND proposedAt IS NULL', { id: c.id, waiting: 'waiting' })
        .execute();
      if (result.affected === 1) marked.push({ ...c, proposedAt: now.toISOString() });
    }
    return marked;
  }

  /** Assignments left in flight before `before` (a crash between the Graph write and its record). */
  stuck(before: Date): Promise<CopilotWaitlistEntry[]> {
    return this.dataSource
      .getRepository(CopilotWaitlistEntry)
      .createQueryBuilder('w')
      .where('w.state = :state AND w.updatedAt < :before', { state: 'assigning', before: before.toISOString() })
      .getMany();
  }

  /** Every entry, oldest request first, a thousand at a time by the caller (the CLI report). */
  all(states: readonly WaitlistState[]): Promise<CopilotWaitlistEntry[]> {
    return this.dataSource
      .getRepository(CopilotWaitlistEntry)
      .find({ where: { state: In([...states]) }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }
}

async function audit(
  manager: EntityManager,
  e: {
    at: string;
    actor: string;
    action: string;
    entry: CopilotWaitlistEntry | null;
    outcome: string;
    detail: Record<string, unknown>;
    subject?: string;
  },
): Promise<void> {
  await manager.getRepository(AuditEvent).insert({
    at: e.at,
    actor: e.actor,
    action: e.action,
    subjectType: 'user',
    subjectId: e.entry?.userId ?? e.subject ?? 'unknown',
    requestId: null,
    outcome: e.outcome,
    detail: {
      ...(e.entry
        ? { entryId: e.entry.id, userId: e.entry.userId, state: e.entry.state, version: e.entry.version }
        : {}),
      ...e.detail,
    },
  });
}
