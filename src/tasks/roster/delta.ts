import { GraphError, readUsersDelta, type DirectoryUser } from '../../graph';
import { readCursor, tenantCursor, writeCursor } from '../cursors';
import type { TaskContext } from '../task';
import { withWriteBehind } from '../write-behind';
import { deactivateUsers, directoryRows, writeUsers } from './directory';

/** The cursor holding the users' deltaLink (per tenant, src/tasks/cursors.ts). */
const DELTA_CURSOR = 'users.delta';

export interface DirectoryChanges {
  /** Live users created or changed since the last round. */
  changed: string[];
  /** Groups that assign licenses to them. */
  groupIds: Set<string>;
  /** Where the next round goes on from: saved by the caller once the run has done its work (saveDeltaLink). */
  deltaLink: string | null;
}

/** The deltaLink the last round ended with, or null: never synced, or synced by an older version. */
export function storedDeltaLink(ctx: TaskContext): Promise<string | null> {
  return readCursor(ctx, tenantCursor(ctx, DELTA_CURSOR));
}

export function saveDeltaLink(ctx: TaskContext, link: string): Promise<void> {
  return writeCursor(ctx, tenantCursor(ctx, DELTA_CURSOR), link);
}

/**
 * A deltaLink from now on (`$deltatoken=latest`, one request, no users), taken before a full listing
 * so that what changes during it is seen again by the next round (writing it twice changes nothing).
 * Null when Graph gives none: the full sync goes on, and the next run is a full one again.
 */
export async function latestDeltaLink(ctx: TaskContext): Promise<string | null> {
  try {
    for await (const page of ctx.timing.reads(readUsersDelta(ctx.graph, { latest: true })))
      if (page.deltaLink) return page.deltaLink;
    return null;
  } catch (error) {
    if (!(error instanceof GraphError) || error.isForbidden) throw error;
    ctx.log.warn({ err: error }, 'no users deltaLink: the next roster run reads the whole directory again');
    return null;
  }
}

/**
 * One round of users/delta from the stored link: changed users written as a listing would write
 * them (without sign-in times, which delta does not carry), removed ones deactivated (`changed`,
 * still restorable, and `deleted` alike; a restored user comes back as changed and is reactivated).
 * The new deltaLink is returned, not saved: should the run fail after this round, the next one
 * reads the same changes again, and what the run was to do for the changed users (their MFA) is
 * done then. A link Graph no longer honours throws a GraphError whose `isSyncReset` is true,
 * before anything is written.
 */
export async function syncDirectoryChanges(ctx: TaskContext, link: string): Promise<DirectoryChanges> {
  const result: DirectoryChanges = { changed: [], groupIds: new Set(), deltaLink: null };
  await withWriteBehind(ctx, async (writer) => {
    for await (const page of ctx.timing.reads(readUsersDelta(ctx.graph, { deltaLink: link }))) {
      if (page.rejected.length) ctx.count('invalidRows', page.rejected.length);
      // A user may come twice in a round (Graph does not merge changes); the later state wins.
      const latest = new Map<string, DirectoryUser | null>();
      for (const user of page.items) latest.set(user.id, user);
      for (const gone of page.removed) latest.set(gone.id, null);
      const live = [...latest.values()].filter((u): u is DirectoryUser => u !== null);
      const removed = [...latest].filter(([, u]) => u === null).map(([id]) => id);
      if (live.length) {
        const rows = directoryRows(ctx, live, false, result.groupIds);
        await writer.push((manager) => writeUsers(manager, rows));
      }
      if (removed.length) {
        await writer.flush();
        ctx.count('removedUsers', removed.length);
        ctx.count('deactivated', await deactivateUsers(ctx, removed));
      }
      result.changed.push(...live.map((u) => u.id));
      ctx.count('changedUsers', live.length);
      ctx.progress(`${result.changed.length} users changed`);
      result.deltaLink = page.deltaLink ?? result.deltaLink;
    }
  });
  return result;
}
