import { listSignedInSince, realInstant, type SignInProperty } from '../../graph';
import { TenantUser, updateChanged } from '../../store';
import { readCursor, tenantCursor, writeCursor } from '../cursors';
import type { TaskContext } from '../task';
import { withWriteBehind } from '../write-behind';
import { SIGN_IN_COLUMNS } from './directory';

/** The cursor holding the instant sign-ins were last read up to (per tenant). */
const SIGN_IN_CURSOR = 'users.signIns';

/**
 * Sign-in activity reaches Graph some minutes after the sign-in, so each read starts this much before
 * the previous one did: a user seen twice is compared and not written again.
 */
const OVERLAP_MS = 60 * 60_000;

/** An interactive attempt, then a non-interactive one: a successful sign-in is one of the two. */
const PROPERTIES: readonly SignInProperty[] = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime'];

/** Where the next sign-in read starts, or null when sign-ins were never read completely. */
export function signInCursor(ctx: TaskContext): Promise<string | null> {
  return readCursor(ctx, tenantCursor(ctx, SIGN_IN_CURSOR));
}

/** Sign-ins are read up to `started` (when the read began): the next read starts an overlap before it. */
export function saveSignInCursor(ctx: TaskContext, started: Date): Promise<void> {
  return writeCursor(
    ctx,
    tenantCursor(ctx, SIGN_IN_CURSOR),
    new Date(started.getTime() - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  );
}

/**
 * The sign-in times of the users who signed in since `since`, written where they changed. Returns
 * the users whose interactive sign-in changed: registering for MFA happens at one.
 */
export async function syncSignInChanges(ctx: TaskContext, since: string): Promise<string[]> {
  const interactive: string[] = [];
  await withWriteBehind(ctx, async (writer) => {
    for (const property of PROPERTIES) {
      for await (const page of ctx.timing.reads(listSignedInSince(ctx.graph, { property, since }))) {
        if (page.rejected.length) ctx.count('invalidRows', page.rejected.length);
        const rows = page.items.map((u) => ({
          id: u.id,
          lastSignInDateTime: realInstant(u.signInActivity?.lastSignInDateTime),
          lastNonInteractiveSignInDateTime: realInstant(u.signInActivity?.lastNonInteractiveSignInDateTime),
          lastSuccessfulSignInDateTime: realInstant(u.signInActivity?.lastSuccessfulSignInDateTime),
        }));
        await writer.push(async (manager) => {
          const changed = await updateChanged(manager, TenantUser, rows, SIGN_IN_COLUMNS);
          if (property === 'lastSignInDateTime') interactive.push(...changed);
          return changed.length;
        });
        ctx.count(`signInUsers.${property}`, page.items.length);
      }
    }
  });
  return interactive;
}
