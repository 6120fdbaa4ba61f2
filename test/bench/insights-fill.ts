import type { DataSource } from 'typeorm';
import type { RunningSimulator } from '../../src/simulator';
import { SKUS } from '../../src/simulator';
import {
  APP_LABELS,
  AppActivity,
  Sku,
  TaskRun,
  TenantUser,
  UserLicense,
  heldSkuIds,
  type AppName,
} from '../../src/store';

/**
 * Fast direct fill of a store from the simulator's ground truth, writing the rows a real sync writes
 * (users with the Users-tab columns, direct and group licenses, per-app activity as report days or
 * sign-in instants, SKUs with plans, and completed roster/access runs). A real sync of 100,000 users
 * takes minutes today (README: the tasks' speed targets are not met yet); `--mode sync` does that.
 */
const REPORT_APPS: readonly [string, AppName][] = [
  ['exchange', 'exchange'],
  ['exchange', 'outlook'],
  ['oneDrive', 'onedrive'],
  ['sharePoint', 'sharepoint'],
  ['skypeForBusiness', 'skype'],
  ['yammer', 'yammer'],
  ['teams', 'teams'],
];
const SIGN_IN_APPS: readonly [string, AppName][] = [
  ['dynamics365', 'dynamics365'],
  ['powerBI', 'powerbi'],
  ['project', 'project'],
];
const MAILBOX: Record<string, string> = { member: 'User', guest: 'User', roomMailbox: 'Room', sharedMailbox: 'Shared' };

export async function fillFromTruth(sim: RunningSimulator, store: DataSource): Promise<number> {
  const now = sim.control.now().toISOString();
  await store.getRepository(Sku).save(
    SKUS.map((s) => ({
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
      friendlyName: s.displayName,
      appliesTo: 'User',
      capabilityStatus: s.capabilityStatus,
      consumedUnits: 0,
      prepaidEnabled: 0,
      prepaidSuspended: 0,
      prepaidWarning: 0,
      prepaidLockedOut: 0,
      managed: true,
      updatedAt: now,
      servicePlans: s.plans.map((p) => ({
        servicePlanId: p.id,
        servicePlanName: p.name,
        provisioningStatus: 'Success',
        appliesTo: 'User',
      })),
    })),
  );
  const ids = [...sim.control.usersInCategory('licensed'), ...sim.control.usersInCategory('unlicensed')];
  const day = (v: string | null) => (v ? v.slice(0, 10) : null);
  for (let i = 0; i < ids.length; i += 1000) {
    const users: Partial<TenantUser>[] = [];
    const licenses: Partial<UserLicense>[] = [];
    const apps: Partial<AppActivity>[] = [];
    for (const id of ids.slice(i, i + 1000)) {
      const t = sim.control.userTruth(id);
      const uses = t.lastUse as Record<string, string | null>;
      const activity = [
        ...REPORT_APPS.map(([k, app]) => [app, day(uses[k] ?? null), 'report'] as const),
        ...SIGN_IN_APPS.map(([k, app]) => [app, uses[k] ?? null, 'signin'] as const),
      ];
      const latest = activity.filter(([, d]) => d).sort((a, b) => (b[1]! > a[1]! ? 1 : -1))[0];
      users.push({
        id,
        userPrincipalName: t.userPrincipalName,
        displayName: t.displayName,
        userType: t.kind === 'guest' ? 'Guest' : 'Member',
        accountEnabled: t.accountEnabled,
        createdDateTime: t.createdDateTime,
        onPremisesSyncEnabled: t.onPremisesSynced ? true : null,
        mfaRegistered: t.accountEnabled ? t.mfaRegistered : null,
        lastSignInDateTime: t.lastSignIn.interactive,
        lastNonInteractiveSignInDateTime: t.lastSignIn.nonInteractive,
        lastSuccessfulSignInDateTime: t.lastSignIn.successful,
        lastActivityDate: latest ? day(latest[1]) : null,
        lastUsedApp: latest ? APP_LABELS[latest[0] as AppName] : null,
        mailboxType: MAILBOX[t.kind ?? ''] ?? null,
        usageLocation: t.usageLocation,
        heldSkuIds: heldSkuIds(t.licenses.map((l) => l.skuId)),
        activeDate: now,
        updatedAt: now,
        deactivatedDate: null,
      });
      for (const l of t.licenses)
        licenses.push({
          userId: id,
          skuId: l.skuId.toLowerCase(),
          assignedByGroup: l.groupId?.toLowerCase() ?? '',
          disabledPlans: [],
          state: 'Active',
        });
      for (const [app, date, source] of activity)
        if (date)
          apps.push({
            userId: id,
            app,
            lastActivityDate: date,
            source,
            asOf: source === 'report' ? now.slice(0, 10) : null,
            updatedAt: now,
          });
    }
    await store.transaction(async (m) => {
      // updateEntity(false): no read-back of defaults (TypeORM would OR together one clause per row).
      for (let k = 0; k < users.length; k += 400)
        await m
          .createQueryBuilder()
          .insert()
          .into(TenantUser)
          .values(users.slice(k, k + 400))
          .updateEntity(false)
          .execute();
      for (let k = 0; k < licenses.length; k += 500)
        await m
          .createQueryBuilder()
          .insert()
          .into(UserLicense)
          .values(licenses.slice(k, k + 500))
          .updateEntity(false)
          .execute();
      for (let k = 0; k < apps.length; k += 500)
        await m
          .createQueryBuilder()
          .insert()
          .into(AppActivity)
          .values(apps.slice(k, k + 500))
          .updateEntity(false)
          .execute();
    });
  }
  await store.query(
    'UPDATE skus SET "consumedUnits" = (SELECT COUNT(DISTINCT "userId") FROM user_licenses l WHERE l."skuId" = skus."skuId")',
  );
  await store.getRepository(TaskRun).save(
    ['roster', 'access', 'licenses'].map((task) => ({
      id: `bench-${task}`,
      task,
      trigger: 'manual',
      startedAt: now,
      finishedAt: now,
      status: 'succeeded',
      counts: {},
      skipped: [],
      error: null,
      instance: 'bench',
    })),
  );
  return ids.length;
}
