import { GraphError } from '../graph';
import { skipConcealed } from './concealed';
import { PERMISSIONS } from './permissions';
import {
  latestDeltaLink,
  saveDeltaLink,
  storedDeltaLink,
  syncDirectoryChanges,
  type DirectoryChanges,
} from './roster/delta';
import { deactivateMissing, syncDirectory } from './roster/directory';
import { syncExclusionGroups } from './roster/exclusion-groups';
import { syncGroupNames, unnamedGroups } from './roster/groups';
import { gatherMfa, readMfa, readMfaOf, type MfaRows } from './roster/mfa';
import { saveSignInCursor, signInCursor, syncSignInChanges } from './roster/sign-ins';
import { pruneSnapshots, syncUsageReports } from './roster/usage';
import { markReportColumns } from './cursors';
import { clearStaleUsage } from './retention';
import { UserColumns } from './roster/user-columns';
import { optionalPart, skipWithout } from './skip';
import type { IntegrationTask, TaskContext } from './task';

const SIGN_IN_PART = 'Sign in to M365 Domain (signInActivity)';
const MFA_PART = 'Is MFA Turned On (registration details)';

/**
 * Application Roster: every user with the Users-tab columns (docs/product-rules.md R2, R24). The directory is required;
 * sign-in times, MFA and the usage reports are optional parts that are skipped, named, when their
 * permission (or Entra ID P1) is missing. A full run lists every user; an incremental one reads the
 * users' changes since the last round (users/delta), the sign-ins since the last read, MFA for the
 * users that changed, and the reports once a day. It falls back to a full run when it has nothing
 * to go on from: no deltaLink (never synced, or lost), or one Graph no longer honours.
 */
export const rosterTask: IntegrationTask = {
  name: 'roster',
  async run(ctx: TaskContext) {
    const withSignIn = !skipWithout(ctx, SIGN_IN_PART, PERMISSIONS.signIns);
    const from = ctx.mode === 'incremental' ? await startingPoint(ctx, withSignIn) : null;
    let changes: DirectoryChanges | null = null;
    if (from) {
      try {
        changes = await syncDirectoryChanges(ctx, from.deltaLink);
      } catch (error) {
        // A link refused as malformed can only be replaced the same way as an expired one.
        if (!(error instanceof GraphError && (error.isSyncReset || error.status === 400))) throw error;
        ctx.log.warn(
          { code: error.code, status: error.status },
          'Graph no longer honours the users deltaLink: reading the whole directory',
        );
        ctx.count('deltaResets');
      }
    }
    if (from && changes) await incremental(ctx, changes, withSignIn ? from.signInsSince : null);
    else {
      ctx.mode = 'full';
      await full(ctx, withSignIn);
    }
  },
};

/** Where an incremental run goes on from, or null when it has nothing: then the run is a full one. */
async function startingPoint(
  ctx: TaskContext,
  withSignIn: boolean,
): Promise<{ deltaLink: string; signInsSince: string | null } | null> {
  const deltaLink = await storedDeltaLink(ctx);
  const signInsSince = withSignIn ? await signInCursor(ctx) : null;
  if (!deltaLink || (withSignIn && !signInsSince)) return null;
  return { deltaLink, signInsSince };
}

async function full(ctx: TaskContext, withSignIn: boolean): Promise<void> {
  // MFA trickles through its own throttle bucket: start it first, apply it after the listing.
  const mfa = startMfa(ctx, () => readMfa(ctx));
  const deltaLink = await latestDeltaLink(ctx);
  const started = ctx.now();
  let listing: Awaited<ReturnType<typeof syncDirectory>> | undefined;
  const signInsRead =
    withSignIn &&
    (await optionalPart(ctx, SIGN_IN_PART, PERMISSIONS.signIns[0], async () => {
      listing = await syncDirectory(ctx, true);
    }));
  if (!listing || !signInsRead) listing = await syncDirectory(ctx, false);
  // Only a listing that ran to its last page may deactivate anyone.
  ctx.count('deactivated', await deactivateMissing(ctx, listing.seen));
  await groupNames(ctx, listing.groupIds);
  await theRest(ctx, mfa, { incremental: false });
  // Where the next run goes on from, once this one is done: a run that fails leaves the link before
  // it (or none, and the next run is a full one again).
  if (deltaLink) await saveDeltaLink(ctx, deltaLink);
  if (signInsRead) await saveSignInCursor(ctx, started);
}

async function incremental(ctx: TaskContext, changes: DirectoryChanges, signInsSince: string | null): Promise<void> {
  const candidates = [...changes.changed];
  const started = ctx.now();
  const signInsRead =
    signInsSince !== null &&
    (await optionalPart(ctx, SIGN_IN_PART, PERMISSIONS.signIns[0], async () => {
      candidates.push(...(await syncSignInChanges(ctx, signInsSince)));
    }));
  const mfa = startMfa(ctx, () => readMfaOf(ctx, candidates));
  await groupNames(ctx, await unnamedGroups(ctx, changes.groupIds));
  await theRest(ctx, mfa, { incremental: true });
  // Saved once the run is done: a run that fails is followed by one that reads the same changes
  // again and does for those users what this one did not (src/tasks/roster/delta.ts).
  if (changes.deltaLink) await saveDeltaLink(ctx, changes.deltaLink);
  if (signInsRead) await saveSignInCursor(ctx, started);
}

interface MfaRead {
  done: Promise<boolean>;
  rows: () => MfaRows;
}

/** Starts reading MFA registration (an optional part); applied once every user row exists. */
function startMfa(ctx: TaskContext, read: () => Promise<MfaRows>): MfaRead {
  let rows: MfaRows = { registered: [], notRegistered: [] };
  const done = skipWithout(ctx, MFA_PART, PERMISSIONS.mfa)
    ? Promise.resolve(false)
    : optionalPart(ctx, MFA_PART, PERMISSIONS.mfa[0], async () => {
        rows = await read();
      });
  // A failure elsewhere must not leave this promise rejected and unobserved.
  done.catch(() => undefined);
  return { done, rows: () => rows };
}

async function groupNames(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<void> {
  if (groupIds.size && !skipWithout(ctx, 'license group names', PERMISSIONS.groups)) {
    await optionalPart(ctx, 'license group names', PERMISSIONS.groups[0], () => syncGroupNames(ctx, groupIds));
  }
}

/**
 * Excluded groups, the usage reports, and MFA once read: the same in both kinds of run. The user
 * columns the reports and MFA set are written together at the end, each user once.
 */
async function theRest(ctx: TaskContext, mfa: MfaRead, reports: { incremental: boolean }): Promise<void> {
  const columns = new UserColumns();
  if (!skipWithout(ctx, 'members of excluded groups', PERMISSIONS.groups)) {
    await optionalPart(ctx, 'members of excluded groups', PERMISSIONS.groups[0], () => syncExclusionGroups(ctx));
  }
  const reportsPart = 'activations, mail and OneDrive usage, platforms (usage reports)';
  let reportsRead = false;
  if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
    await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
      const { concealed, read } = await syncUsageReports(ctx, reports, columns);
      if (concealed.length) skipConcealed(ctx, concealed);
      reportsRead = read;
    });
  }
  // Together: a user's columns are cleared in the transaction that prunes their last snapshot.
  await ctx.write(async (m) => {
    const pruned = await pruneSnapshots(ctx, m);
    await clearStaleUsage(ctx, m, reports.incremental ? pruned : null);
  });
  if (await mfa.done) await gatherMfa(ctx, mfa.rows(), columns);
  await columns.write(ctx);
  if (reportsRead) await markReportColumns(ctx);
}
