import type { DataSource, EntityManager } from 'typeorm';
import { assignLicense, listSubscribedSkus, type GraphClient } from '../../graph';
import type { Logger } from '../../logging/logger';
import {
  isCopilotSku,
  isUniqueViolation,
  refreshHeldSkus,
  type CopilotWaitlist,
  type CopilotWaitlistEntry,
} from '../../store';
import { readUser, type FreshUser } from '../recheck';
import { release, take } from '../seats';
import { message, UNDO_DAYS } from '../service';

/** How long an assignment may stay in flight before it is settled by reading the user (a crash in between). */
export const ASSIGNING_STALE_MS = 120_000;

export type SeatOutcome =
  { ok: true; entry: CopilotWaitlistEntry } | { ok: false; why: string; entry: CopilotWaitlistEntry | null };

export interface AssignDeps {
  graph: GraphClient;
  dataSource: DataSource;
  waitlist: CopilotWaitlist;
  log: Logger;
  now: () => Date;
}

const heldCopilot = (user: FreshUser) => user.assignedLicenses.find((l) => isCopilotSku({ skuId: l.skuId }));

/** The store follows the tenant until the next sync: the person holds the seat directly. */
const seatGiven = async (manager: EntityManager, e: CopilotWaitlistEntry) => {
  await take(manager, e.userId, e.skuId!, []);
  await refreshHeldSkus(manager, [e.userId]);
};
const seatReturned = async (manager: EntityManager, e: CopilotWaitlistEntry) => {
  await release(manager, e.userId, e.skuId!);
  await refreshHeldSkus(manager, [e.userId]);
};

/**
 * An admin's Confirm: waiting → assigning (one at a time in the tenant: the unique index), the seats
 * read fresh from Graph (bought − assigned), the person read fresh, one assignLicense adding the SKU,
 * then assigned. Anything in the way puts the entry back to waiting and says why; nothing is
 * assigned twice.
 */
export async function assignSeat(d: AssignDeps, id: string, version: number, actor: string): Promise<SeatOutcome> {
  await settleStuck(d);
  const entry = await d.waitlist.get(id);
  if (!entry) return refused(d, null, actor, 'copilot.assign', 'No such waitlist entry.');
  let claimed: CopilotWaitlistEntry | null;
  try {
    claimed = await d.waitlist.step(
      id,
      { from: ['waiting'], to: 'assigning', version, actor, action: 'copilot.assign' },
      d.now(),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return refused(
      d,
      entry,
      actor,
      'copilot.assign',
      'Another Copilot seat is being assigned right now: try again in a moment.',
    );
  }
  if (!claimed)
    return refused(
      d,
      entry,
      actor,
      'copilot.assign',
      `This request is ${entry.state} (version ${entry.version}); the card showed version ${version}.`,
    );
  const back = (why: string) =>
    d.waitlist
      .step(
        id,
        {
          from: ['assigning'],
          to: 'waiting',
          actor,
          action: 'copilot.not-assigned',
          patch: { outcome: why, proposedAt: null },
          detail: { why },
        },
        d.now(),
      )
      .then((e) => ({ ok: false as const, why, entry: e }));
  let skuId: string;
  let user: FreshUser | null;
  try {
    const skus = (await listSubscribedSkus(d.graph)).items.filter(
      (s) => isCopilotSku(s) && s.capabilityStatus === 'Enabled',
    );
    const free = skus.find((s) => (s.prepaidUnits.enabled ?? 0) - s.consumedUnits > 0);
    if (!free) {
      const bought = skus.reduce((n, s) => n + (s.prepaidUnits.enabled ?? 0), 0);
      return back(
        `No Copilot seat is free now (${bought} bought, ${skus.reduce((n, s) => n + s.consumedUnits, 0)} assigned, read from Graph just now).`,
      );
    }
    skuId = free.skuId.toLowerCase();
    user = await readUser(d.graph, entry.userId, false);
  } catch (error) {
    return back(`Could not read the seats and the person from Graph: ${message(error)}`);
  }
  if (!user) return cancel(d, id, actor, `${entry.userPrincipalName} no longer exists in the directory.`);
  if (heldCopilot(user))
    return cancel(
      d,
      id,
      actor,
      `${entry.userPrincipalName} already holds a Copilot license (assigned outside License Steward).`,
    );
  let graphRequestId: string | null = null;
  try {
    graphRequestId =
      (await assignLicense(d.graph, entry.userId, { addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] }))
        .requestId ?? null;
  } catch (error) {
    // The write may have landed before the error reached us: look before calling it not done.
    const after = await readUser(d.graph, entry.userId, false).catch(() => null);
    if (!after || !heldCopilot(after)) return back(`Graph did not assign the license: ${message(error)}`);
  }
  const done = await d.waitlist.step(
    id,
    {
      from: ['assigning'],
      to: 'assigned',
      actor,
      action: 'copilot.assigned',
      patch: {
        skuId,
        assignedBy: actor,
        assignedAt: d.now().toISOString(),
        graphRequestId,
        outcome: 'Copilot license assigned.',
      },
      effects: seatGiven,
    },
    d.now(),
  );
  return done
    ? { ok: true, entry: done }
    : refused(d, entry, actor, 'copilot.assign', 'The assignment was settled meanwhile.');
}

/**
 * Undo, within 30 days, by an admin: assigned → undone, one assignLicense removing the SKU, and the
 * person back in line where they were (their first request time). A failed removal puts it back.
 */
export async function undoSeat(d: AssignDeps, id: string, version: number, actor: string): Promise<SeatOutcome> {
  const entry = await d.waitlist.get(id);
  if (!entry) return refused(d, null, actor, 'copilot.undo', 'No such waitlist entry.');
  const now = d.now();
  if (
    entry.state === 'assigned' &&
    (entry.assignedAt ?? '') < new Date(now.getTime() - UNDO_DAYS * 86_400_000).toISOString()
  ) {
    return refused(d, entry, actor, 'copilot.undo', `Undo is possible for ${UNDO_DAYS} days after the assignment.`);
  }
  const undone = await d.waitlist.step(
    id,
    { from: ['assigned'], to: 'undone', version, actor, action: 'copilot.undo', effects: seatReturned },
    now,
  );
  if (!undone)
    return refused(
      d,
      entry,
      actor,
      'copilot.undo',
      `This assignment is ${entry.state} (version ${entry.version}); the card showed version ${version}.`,
    );
  try {
    await assignLicense(d.graph, entry.userId, { addLicenses: [], removeLicenses: [entry.skuId!] });
  } catch (error) {
    const why = `The license could not be removed: ${message(error)}`;
    const again = await d.waitlist.step(
      id,
      {
        from: ['undone'],
        to: 'assigned',
        actor: 'system',
        action: 'copilot.undo-failed',
        detail: { why },
        effects: seatGiven,
      },
      d.now(),
    );
    return { ok: false, why, entry: again };
  }
  await d.waitlist.join(
    { userId: entry.userId, userPrincipalName: entry.userPrincipalName, displayName: entry.displayName },
    entry.reason,
    d.now(),
    entry.requestedAt,
    { actor, action: 'copilot.requeue' },
  );
  return { ok: true, entry: undone };
}

/**
 * Assignments left in flight (a crash between the Graph write and its record) are settled by
 * reading the person, never by a second write: holding Copilot, assigned; else back to waiting.
 */
export async function settleStuck(d: AssignDeps): Promise<number> {
  const stuck = await d.waitlist.stuck(new Date(d.now().getTime() - ASSIGNING_STALE_MS));
  for (const entry of stuck) {
    const user = await readUser(d.graph, entry.userId, false).catch(() => undefined);
    if (user === undefined) continue;
    const held = user ? heldCopilot(user) : undefined;
    await (held
      ? d.waitlist.step(
          entry.id,
          {
            from: ['assigning'],
            to: 'assigned',
            actor: 'system',
            action: 'copilot.reconcile',
            patch: {
              skuId: held.skuId.toLowerCase(),
              assignedAt: d.now().toISOString(),
              outcome: 'Found assigned by reading the person after an interruption.',
            },
            effects: seatGiven,
          },
          d.now(),
        )
      : d.waitlist.step(
          entry.id,
          {
            from: ['assigning'],
            to: 'waiting',
            actor: 'system',
            action: 'copilot.reconcile',
            patch: { outcome: 'Interrupted before the license was assigned.', proposedAt: null },
          },
          d.now(),
        ));
  }
  return stuck.length;
}

async function cancel(d: AssignDeps, id: string, actor: string, why: string): Promise<SeatOutcome> {
  const entry = await d.waitlist.step(
    id,
    { from: ['assigning'], to: 'cancelled', actor, action: 'copilot.cancel', patch: { outcome: why }, detail: { why } },
    d.now(),
  );
  return { ok: false, why, entry };
}

async function refused(
  d: AssignDeps,
  entry: CopilotWaitlistEntry | null,
  actor: string,
  action: string,
  why: string,
): Promise<SeatOutcome & { ok: false }> {
  await d.waitlist.refuse(entry, actor, action, why, d.now());
  d.log.warn({ entryId: entry?.id, actor, why }, 'copilot seat action refused');
  return { ok: false, why, entry: entry ? await d.waitlist.get(entry.id) : null };
}
