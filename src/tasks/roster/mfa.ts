import { In } from 'typeorm';
import { listRegistrationDetails } from '../../graph';
import { TenantUser } from '../../store';
import type { TaskContext } from '../task';

/**
 * "Is MFA Turned On" from the authentication methods registration report (the beta
 * endpoint: docs/product-rules.md R2). It sits in the 5-requests-per-10-seconds bucket, so it is read while the directory
 * listing and the reports proceed (docs/graph-endpoints.md, "Throttling"). Results are kept as two
 * id lists and applied after the listing, when every user row exists.
 */
export async function readMfa(ctx: TaskContext): Promise<{ yes: string[]; no: string[] }> {
  const yes: string[] = [];
  const no: string[] = [];
  for await (const page of listRegistrationDetails(ctx.graph)) {
    for (const details of page.items) (details.isMfaRegistered ? yes : no).push(details.id);
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
