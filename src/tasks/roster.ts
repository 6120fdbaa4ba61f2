import { skipConcealed } from './concealed';
import { PERMISSIONS } from './permissions';
import { deactivateMissing, syncDirectory } from './roster/directory';
import { syncExclusionGroups } from './roster/exclusion-groups';
import { syncGroupNames } from './roster/groups';
import { readMfa, writeMfa } from './roster/mfa';
import { pruneSnapshots, syncUsageReports } from './roster/usage';
import { clearStaleUsage } from './retention';
import { optionalPart, skipWithout } from './skip';
import type { IntegrationTask, TaskContext } from './task';

/**
 * Application Roster: every user with the Users-tab columns (docs/product-rules.md R2, R24). The directory listing is
 * required; sign-in times, MFA and the usage reports are optional parts that are skipped, named,
 * when their permission (or Entra ID P1) is missing.
 */
export const rosterTask: IntegrationTask = {
  name: 'roster',
  async run(ctx: TaskContext) {
    // MFA trickles through its own throttle bucket: start it first, apply it after the listing.
    const mfaPart = 'Is MFA Turned On (registration details)';
    let mfa: { yes: string[]; no: string[] } | undefined;
    const mfaRead = skipWithout(ctx, mfaPart, PERMISSIONS.mfa)
      ? Promise.resolve(false)
      : optionalPart(ctx, mfaPart, PERMISSIONS.mfa[0], async () => {
          mfa = await readMfa(ctx);
        });
    // A failure elsewhere must not leave this promise rejected and unobserved.
    mfaRead.catch(() => undefined);

    const withSignIn = !skipWithout(ctx, 'Sign in to M365 Domain (signInActivity)', PERMISSIONS.signIns);
    let listing = { users: 0, groupIds: new Set<string>() };
    const signInRead = withSignIn && (await optionalPart(ctx, 'Sign in to M365 Domain (signInActivity)', PERMISSIONS.signIns[0], async () => {
      listing = await syncDirectory(ctx, true);
    }));
    if (!signInRead) listing = await syncDirectory(ctx, false);

    // Only a listing that ran to its last page may deactivate anyone.
    ctx.count('deactivated', await deactivateMissing(ctx));

    if (listing.groupIds.size && !skipWithout(ctx, 'license group names', PERMISSIONS.groups)) {
      await optionalPart(ctx, 'license group names', PERMISSIONS.groups[0], () => syncGroupNames(ctx, listing.groupIds));
    }
    if (!skipWithout(ctx, 'members of excluded groups', PERMISSIONS.groups)) {
      await optionalPart(ctx, 'members of excluded groups', PERMISSIONS.groups[0], () => syncExclusionGroups(ctx));
    }
    const reportsPart = 'activations, mail and OneDrive usage, platforms (usage reports)';
    if (!skipWithout(ctx, reportsPart, PERMISSIONS.reports)) {
      await optionalPart(ctx, reportsPart, PERMISSIONS.reports[0], async () => {
        const { concealed } = await syncUsageReports(ctx);
        if (concealed.length) skipConcealed(ctx, concealed);
      });
    }
    await pruneSnapshots(ctx);
    await clearStaleUsage(ctx);
    if (await mfaRead) await writeMfa(ctx, mfa!);
  },
};
