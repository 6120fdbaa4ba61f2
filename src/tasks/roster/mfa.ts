import { In } from 'typeorm';
import { registrationDetailsSchema } from '../../graph';
import { TenantUser } from '../../store';
import { PERMISSIONS } from '../permissions';
import type { TaskContext } from '../task';

/**
 * "Is MFA Turned On" from the authentication methods registration report (seeds: the beta
 * endpoint). It sits in the 5-requests-per-10-seconds bucket, so it is read while the directory
 * listing and the reports proceed (graph-contract §9), with pages as large as allowed. Results are
 * kept as two id lists and applied after the listing, when every user row exists.
 */
export async function readMfa(ctx: TaskContext): Promise<{ yes: string[]; no: string[] }> {
  const path = '/beta/reports/authenticationMethods/userRegistrationDetails?$top=999';
  const yes: string[] = [];
  const no: string[] = [];
  for await (const page of ctx.graph.pages(path, { permission: PERMISSIONS.mfa[0] })) {
    for (const item of page.value) {
      const parsed = registrationDetailsSchema.safeParse(item);
      if (parsed.success) (parsed.data.isMfaRegistered ? yes : no).push(parsed.data.id);
    }
    ctx.progress(`MFA registration for ${yes.length + no.length} users`);
  }
  return { yes, no };
}

/** Two set-based updates per 500 users: registered and not registered. */
export async function writeMfa(ctx: TaskContext, mfa: { yes: string[]; no: string[] }): Promise<void> {
  await ctx.dataSource.transaction(async (manager) => {
    for (const [value, ids] of [[true, mfa.yes], [false, mfa.no]] as const) {
      for (let i = 0; i < ids.length; i += 500) {
        await manager.update(TenantUser, { id: In(ids.slice(i, i + 500)) }, { mfaRegistered: value });
      }
    }
  });
  ctx.count('mfaUsers', mfa.yes.length + mfa.no.length);
}
