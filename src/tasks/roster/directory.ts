import { In, type EntityManager } from 'typeorm';
import { listUsers, realInstant, type DirectoryUser } from '../../graph';
import { bulkUpsert, heldSkuIds, TenantUser, UserLicense } from '../../store';
import type { TaskContext } from '../task';

const DIRECTORY_COLUMNS = [
  'userPrincipalName', 'mail', 'displayName', 'givenName', 'surname', 'jobTitle', 'country', 'usageLocation', 'userType',
  'accountEnabled', 'createdDateTime', 'onPremisesSyncEnabled', 'heldSkuIds', 'deactivatedDate', 'lastSeenRunId', 'updatedAt',
];
const SIGN_IN_COLUMNS = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'];

export interface DirectoryResult {
  users: number;
  groupIds: Set<string>;
}

/** Lists every user once, page by page, writing each page in one transaction. */
export async function syncDirectory(ctx: TaskContext, withSignIn: boolean): Promise<DirectoryResult> {
  const groupIds = new Set<string>();
  let users = 0;
  for await (const page of listUsers(ctx.graph, { withSignIn })) {
    const parsed = page.items;
    if (page.rejected.length) ctx.count('invalidRows', page.rejected.length);
    await ctx.dataSource.transaction((manager) => writePage(manager, ctx, parsed, withSignIn, groupIds));
    users += parsed.length;
    ctx.count('users', parsed.length);
    ctx.progress(`${users} users`);
  }
  return { users, groupIds };
}

async function writePage(manager: EntityManager, ctx: TaskContext, users: DirectoryUser[], withSignIn: boolean, groupIds: Set<string>) {
  if (users.length === 0) return;
  const now = ctx.now().toISOString();
  const licenses = users.map((u) => licenseRows(u, ctx.run.id));
  const rows = users.map((u, i) => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail ?? null,
    displayName: u.displayName ?? null,
    givenName: u.givenName ?? null,
    surname: u.surname ?? null,
    jobTitle: u.jobTitle ?? null,
    country: u.country ?? null,
    usageLocation: u.usageLocation ?? null,
    userType: u.userType ?? 'Member',
    accountEnabled: u.accountEnabled ?? true,
    createdDateTime: realInstant(u.createdDateTime),
    onPremisesSyncEnabled: u.onPremisesSyncEnabled ?? null,
    heldSkuIds: heldSkuIds(licenses[i]!.map((l) => l.skuId)),
    deactivatedDate: null,
    lastSeenRunId: ctx.run.id,
    updatedAt: now,
    activeDate: now,
    ...(withSignIn
      ? {
          lastSignInDateTime: realInstant(u.signInActivity?.lastSignInDateTime),
          lastNonInteractiveSignInDateTime: realInstant(u.signInActivity?.lastNonInteractiveSignInDateTime),
          lastSuccessfulSignInDateTime: realInstant(u.signInActivity?.lastSuccessfulSignInDateTime),
        }
      : {}),
  }));
  await bulkUpsert(manager, TenantUser, rows, { conflict: ['id'], update: withSignIn ? [...DIRECTORY_COLUMNS, ...SIGN_IN_COLUMNS] : DIRECTORY_COLUMNS });
  const licenseRowsOfPage = licenses.flat();
  for (const l of licenseRowsOfPage) if (l.assignedByGroup) groupIds.add(l.assignedByGroup);
  const ids = users.map((u) => u.id);
  for (let i = 0; i < ids.length; i += 500) await manager.delete(UserLicense, { userId: In(ids.slice(i, i + 500)) });
  await bulkUpsert(manager, UserLicense, licenseRowsOfPage);
  ctx.count('rowsWritten', rows.length + licenseRowsOfPage.length);
}

/**
 * Direct and group-inherited assignments from licenseAssignmentStates (assignedByGroup null =
 * direct). When the tenant does not return them, assignedLicenses is all we know: taken as direct.
 */
function licenseRows(user: DirectoryUser, runId: string): Omit<UserLicense, never>[] {
  const seen = new Set<string>();
  const states = user.licenseAssignmentStates?.length
    ? user.licenseAssignmentStates.map((s) => ({ skuId: s.skuId, group: s.assignedByGroup ?? '', disabledPlans: s.disabledPlans, state: s.state ?? 'Active', error: s.error && s.error !== 'None' ? s.error : null, updated: realInstant(s.lastUpdatedDateTime) }))
    : user.assignedLicenses.map((a) => ({ skuId: a.skuId, group: '', disabledPlans: a.disabledPlans, state: 'Active', error: null, updated: null }));
  return states
    .filter((s) => {
      const key = `${s.skuId}|${s.group}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((s) => ({
      userId: user.id,
      skuId: s.skuId.toLowerCase(),
      assignedByGroup: s.group.toLowerCase(),
      disabledPlans: s.disabledPlans,
      state: s.state,
      error: s.error,
      lastUpdatedDateTime: s.updated,
      lastSeenRunId: runId,
    }));
}

/** After a listing that completed: users it did not return are deactivated (never deleted). */
export async function deactivateMissing(ctx: TaskContext): Promise<number> {
  const result = await ctx.dataSource
    .createQueryBuilder()
    .update(TenantUser)
    .set({ deactivatedDate: ctx.now().toISOString() })
    .where('deactivatedDate IS NULL')
    .andWhere('(lastSeenRunId IS NULL OR lastSeenRunId <> :run)', { run: ctx.run.id })
    .execute();
  return result.affected ?? 0;
}
