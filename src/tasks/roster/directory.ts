import { In, IsNull, type EntityManager } from 'typeorm';
import { listUsers, realInstant, type DirectoryUser } from '../../graph';
import { heldSkuIds, replaceChildren, TenantUser, upsertChanged, UserLicense } from '../../store';
import { IdSet } from '../id-set';
import type { TaskContext } from '../task';
import { withWriteBehind } from '../write-behind';

/** What a directory read sets on a user, compared with the stored row: an unchanged user is not written. */
const DIRECTORY_COLUMNS = [
  'userPrincipalName',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'country',
  'usageLocation',
  'userType',
  'accountEnabled',
  'createdDateTime',
  'onPremisesSyncEnabled',
  'heldSkuIds',
  'deactivatedDate',
] as const satisfies readonly (keyof TenantUser)[];
export const SIGN_IN_COLUMNS = [
  'lastSignInDateTime',
  'lastNonInteractiveSignInDateTime',
  'lastSuccessfulSignInDateTime',
] as const satisfies readonly (keyof TenantUser)[];
const LICENSE_COLUMNS = [
  'disabledPlans',
  'state',
  'error',
  'lastUpdatedDateTime',
] as const satisfies readonly (keyof UserLicense)[];

/** Users read ids per deactivation scan: two short strings each. */
const SCAN = 10_000;

/**
 * Users written per transaction: five pages. Keys are random GUIDs, so each row dirties its own index
 * pages, and every commit copies its dirty pages to SQLite's log: one page's users per commit wrote
 * each index page over and over (measured: 25 % less CPU for the users and licenses with five times
 * larger transactions).
 */
const WRITE_USERS = 2500;

export interface DirectoryResult {
  users: number;
  /** Groups that assign licenses to the users read. */
  groupIds: Set<string>;
  /** Every user id read (a full listing deactivates the stored users it did not return). */
  seen: IdSet;
}

/**
 * Lists every user once, page by page; every few pages' changes are written (one transaction)
 * while the next pages are read.
 */
export async function syncDirectory(ctx: TaskContext, withSignIn: boolean): Promise<DirectoryResult> {
  const result: DirectoryResult = { users: 0, groupIds: new Set(), seen: new IdSet() };
  await withWriteBehind(ctx, async (writer) => {
    // Each page becomes rows at once: Graph's objects (nested arrays and all) die young, and only the
    // rows wait for their write (what outlives a young-generation collection is what costs).
    let pending: DirectoryRows = { users: [], licenses: [], withSignIn };
    const write = async () => {
      const rows = pending;
      pending = { users: [], licenses: [], withSignIn };
      await writer.push((manager) => writeUsers(manager, rows));
    };
    for await (const page of ctx.timing.reads(listUsers(ctx.graph, { withSignIn }))) {
      if (page.rejected.length) ctx.count('invalidRows', page.rejected.length);
      for (const user of page.items) result.seen.add(user.id);
      const rows = directoryRows(ctx, page.items, withSignIn, result.groupIds);
      for (const row of rows.users) pending.users.push(row);
      for (const row of rows.licenses) pending.licenses.push(row);
      if (pending.users.length >= WRITE_USERS) await write();
      result.users += page.items.length;
      ctx.count('users', page.items.length);
      ctx.progress(`${result.users} users`);
    }
    if (pending.users.length) await write();
  });
  return result;
}

export interface DirectoryRows {
  users: Partial<TenantUser>[];
  licenses: Partial<UserLicense>[];
  withSignIn: boolean;
}

/** The rows Graph's users stand for; the groups that assign them licenses are added to `groupIds`. */
export function directoryRows(
  ctx: TaskContext,
  users: readonly DirectoryUser[],
  withSignIn: boolean,
  groupIds: Set<string>,
): DirectoryRows {
  const now = ctx.now().toISOString();
  const licenses: Partial<UserLicense>[] = [];
  const rows = users.map((u) => {
    const own = licenseRows(u, ctx.run.id);
    for (const l of own) {
      licenses.push(l);
      if (l.assignedByGroup) groupIds.add(l.assignedByGroup);
    }
    return {
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
      heldSkuIds: heldSkuIds(own.map((l) => l.skuId!)),
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
    };
  });
  return { users: rows, licenses, withSignIn };
}

/**
 * Writes the users that are new or changed (a deactivated one found again is reactivated) and makes
 * their license rows equal to what Graph said; returns the rows written. `activeDate` is set when a
 * user is first stored; `lastSeenRunId` and `updatedAt` say which run last changed the row.
 */
export async function writeUsers(manager: EntityManager, rows: DirectoryRows): Promise<number> {
  const compare = rows.withSignIn ? [...DIRECTORY_COLUMNS, ...SIGN_IN_COLUMNS] : DIRECTORY_COLUMNS;
  const users = await upsertChanged(manager, TenantUser, rows.users, {
    key: ['id'],
    compare,
    stamp: ['lastSeenRunId', 'updatedAt'],
  });
  const ids = rows.users.map((u) => u.id!);
  const licenses = await replaceChildren(manager, UserLicense, 'userId', ids, rows.licenses, {
    key: ['userId', 'skuId', 'assignedByGroup'],
    compare: LICENSE_COLUMNS,
    stamp: ['lastSeenRunId'],
  });
  return users + licenses;
}

/**
 * Direct and group-inherited assignments from licenseAssignmentStates (assignedByGroup null =
 * direct). When the tenant does not return them, assignedLicenses is all we know: taken as direct.
 */
function licenseRows(user: DirectoryUser, runId: string): Partial<UserLicense>[] {
  const seen = new Set<string>();
  const states = user.licenseAssignmentStates?.length
    ? user.licenseAssignmentStates.map((s) => ({
        skuId: s.skuId,
        group: s.assignedByGroup ?? '',
        disabledPlans: s.disabledPlans,
        state: s.state ?? 'Active',
        error: s.error && s.error !== 'None' ? s.error : null,
        updated: realInstant(s.lastUpdatedDateTime),
      }))
    : user.assignedLicenses.map((a) => ({
        skuId: a.skuId,
        group: '',
        disabledPlans: a.disabledPlans,
        state: 'Active',
        error: null,
        updated: null,
      }));
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

/**
 * After a listing that completed: stored users it did not return are deactivated (never deleted).
 * The stored ids are read in pages by id, so memory holds the listing's ids and one page.
 */
export async function deactivateMissing(ctx: TaskContext, seen: IdSet): Promise<number> {
  const missing: string[] = [];
  for (let after = ''; ;) {
    const page = await ctx.dataSource
      .getRepository(TenantUser)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.deactivatedDate IS NULL')
      .andWhere('u.id > :after', { after })
      .orderBy('u.id')
      .limit(SCAN)
      .getRawMany<{ id: string }>();
    for (const { id } of page) if (!seen.has(id)) missing.push(id);
    if (page.length < SCAN) break;
    after = page[page.length - 1]!.id;
  }
  return deactivateUsers(ctx, missing);
}

/** Marks these users deactivated now (those already deactivated keep their date); returns how many. */
export async function deactivateUsers(ctx: TaskContext, ids: readonly string[]): Promise<number> {
  const now = ctx.now().toISOString();
  let deactivated = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    deactivated += await ctx.write(
      async (manager) =>
        (
          await manager.update(
            TenantUser,
            { id: In(chunk), deactivatedDate: IsNull() },
            { deactivatedDate: now, updatedAt: now },
          )
        ).affected ?? 0,
    );
  }
  ctx.count('rowsWritten', deactivated);
  return deactivated;
}
