import { In } from 'typeorm';
import { registrationDetailsSchema } from '../../graph';
import { TenantUser } from '../../store';
import { PERMISSIONS } from '../permissions';
import type { TaskContext } from '../task';

/**
 * "Is MFA Turned On" from the authentication methods registration report (seeds: the beta
 * endpoint). It sits in the 5-requests-per-10-seconds bucket, so pages are asked as large as
 * allowed; each page is two set-based updates (registered / not registered).
 */
export async function syncMfa(ctx: TaskContext): Promise<void> {
  const path = '/beta/reports/authenticationMethods/userRegistrationDetails?$top=999';
  let users = 0;
  for await (const page of ctx.graph.pages(path, { permission: PERMISSIONS.mfa[0] })) {
    const yes: string[] = [];
    const no: string[] = [];
    for (const item of page.value) {
      const parsed = registrationDetailsSchema.safeParse(item);
      if (!parsed.success) continue;
      (parsed.data.isMfaRegistered ? yes : no).push(parsed.data.id);
    }
    await ctx.dataSource.transaction(async (manager) => {
      for (const [value, ids] of [[true, yes], [false, no]] as const) {
        for (let i = 0; i < ids.length; i += 500) {
          await manager.update(TenantUser, { id: In(ids.slice(i, i + 500)) }, { mfaRegistered: value });
        }
      }
    });
    users += yes.length + no.length;
    ctx.progress(`MFA registration for ${users} users`);
  }
  ctx.count('mfaUsers', users);
}
