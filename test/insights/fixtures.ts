import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY, type Policy } from '../../src/insights';
import { DAY_MS, dayOf, isoSeconds } from '../../src/insights/dates';
import {
  AppActivity,
  DirectoryGroup,
  GroupMember,
  LicenseCost,
  Sku,
  TaskRun,
  TenantUser,
  UserLicense,
  heldSkuIds,
  invalidateUsageMasks,
  openStore,
  type ServicePlanInfo,
} from '../../src/store';
import type { UserFacts } from '../../src/insights/sql/user-facts';
import { testDatabase } from '../helpers/test-database';

/** Small builders for insights tests: a fixed clock, SKUs, users and task runs written to a real SQLite store. */
export const NOW = new Date('2025-06-01T12:00:00Z');
export const ago = (days: number) => isoSeconds(NOW.getTime() - days * DAY_MS);
export const dayAgo = (days: number) => dayOf(NOW.getTime() - days * DAY_MS);

const plan = (servicePlanName: string, servicePlanId: string): ServicePlanInfo => ({
  servicePlanId,
  servicePlanName,
  provisioningStatus: 'Success',
  appliesTo: 'User',
});
const EXO_P2 = plan('EXCHANGE_S_ENTERPRISE', 'efb87545-963c-4e0d-99df-69c6916d9eb0');
const EXO_P1 = plan('EXCHANGE_S_STANDARD', '9aaf7827-d63c-4b61-89c3-182f06f82e5c');
const SPO_P2 = plan('SHAREPOINTENTERPRISE', '5dbe027f-2339-4123-9542-606e4d348a72');
const SPO_P1 = plan('SHAREPOINTSTANDARD', 'c7699d2e-19aa-44de-8edf-1736da088ca1');
const TEAMS = plan('TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929');
const APPS = plan('OFFICESUBSCRIPTION', '43de0ff5-c92c-492b-9116-175376d08c38');
const AAD_P1 = plan('AAD_PREMIUM', '41781fb2-bc02-4b7c-bd55-b576c07bb09d');
const INTUNE = plan('INTUNE_A', 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5');
const PBI = plan('BI_AZURE_P2', '70d33638-9c74-4d01-bfd3-562de28bd4ba');
const PBI_FREE = plan('BI_AZURE_P0', '2049e525-b859-401b-b2a0-e0a31c4b1fe4');

export const SKU = {
  e3: {
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    skuPartNumber: 'SPE_E3',
    friendlyName: 'Microsoft 365 E3',
    servicePlans: [EXO_P2, SPO_P2, TEAMS, APPS, AAD_P1, INTUNE],
  },
  e5: {
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    skuPartNumber: 'SPE_E5',
    friendlyName: 'Microsoft 365 E5',
    servicePlans: [EXO_P2, SPO_P2, TEAMS, APPS, AAD_P1, INTUNE, PBI],
  },
  basic: {
    skuId: '3b555118-da6a-4418-894f-7df1e2096870',
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
    friendlyName: 'Microsoft 365 Business Basic',
    servicePlans: [EXO_P1, SPO_P1, TEAMS],
  },
  pbi: {
    skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
    skuPartNumber: 'POWER_BI_PRO',
    friendlyName: 'Power BI Pro',
    servicePlans: [PBI],
  },
  free: {
    skuId: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
    skuPartNumber: 'POWER_BI_STANDARD',
    friendlyName: 'Microsoft Fabric (Free)',
    servicePlans: [PBI_FREE],
  },
  unmanaged: {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    skuPartNumber: 'EXCHANGESTANDARD',
    friendlyName: 'Exchange Online (Plan 1)',
    servicePlans: [EXO_P1],
  },
} as const;

export const GROUP = {
  excluded: { id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b04', displayName: 'License Steward - Excluded' },
  e3: { id: '7d1c3f0a-52a4-4f6e-9d0b-3e1f8c2a6b01', displayName: 'LIC - Microsoft 365 E3 (All Staff)' },
};

let counter = 0;
/** A licensed (E3, direct), enabled member, created long ago, active yesterday; override what a case needs. */
export function user(overrides: Partial<UserFacts> = {}): UserFacts {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    userPrincipalName: `user${counter}@contoso.com`,
    displayName: `User ${counter}`,
    userType: 'Member',
    accountEnabled: true,
    createdDateTime: ago(900),
    deactivatedDate: null,
    mfaRegistered: false,
    onPremisesSyncEnabled: null,
    mailboxType: 'User',
    lastSuccessfulSignInDateTime: ago(1),
    lastNonInteractiveSignInDateTime: ago(1),
    lastSignInDateTime: ago(1),
    lastActivityDate: dayAgo(1),
    lastUsedApp: 'Microsoft Teams',
    licenses: [{ skuId: SKU.e3.skuId, assignedByGroup: '' }],
    groupIds: [],
    ...overrides,
  };
}

/** No evidence of use at all. */
export const silent = {
  lastSuccessfulSignInDateTime: null,
  lastNonInteractiveSignInDateTime: null,
  lastSignInDateTime: null,
  lastActivityDate: null,
  lastUsedApp: null,
};

export function policy(overrides: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, excludedUsers: [], excludedGroups: [], serviceAccountPatterns: [], ...overrides };
}

export async function openTestStore(): Promise<{ store: DataSource; url: string; close(): Promise<void> }> {
  const database = await testDatabase();
  const store = await openStore(database.config);
  return {
    store,
    url: database.url,
    close: async () => {
      await store.destroy();
      await database.cleanup();
    },
  };
}

/** SKUs (E3, E5, Basic, Power BI Pro, Fabric Free managed; Exchange P1 unmanaged) and the two groups. */
export async function seedCatalog(store: DataSource, consumed = 10): Promise<void> {
  await store.getRepository(Sku).save(
    Object.entries(SKU).map(([key, s]) => ({
      ...s,
      servicePlans: [...s.servicePlans],
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: consumed,
      prepaidEnabled: consumed + 5,
      prepaidSuspended: 0,
      prepaidWarning: 0,
      prepaidLockedOut: 0,
      managed: key !== 'unmanaged',
      updatedAt: NOW.toISOString(),
    })),
  );
  await store
    .getRepository(DirectoryGroup)
    .save(Object.values(GROUP).map((g) => ({ ...g, updatedAt: NOW.toISOString() })));
  await invalidateUsageMasks(store.manager);
}

/** Writes users with their licenses, memberships and (optionally) per-app activity. */
export async function saveUsers(
  store: DataSource,
  users: readonly UserFacts[],
  apps: readonly Omit<AppActivity, 'updatedAt'>[] = [],
): Promise<void> {
  const rows = users.map(({ licenses, groupIds: _g, ...u }) => ({
    ...u,
    heldSkuIds: heldSkuIds(licenses.map((l) => l.skuId)),
    activeDate: ago(1000),
    updatedAt: NOW.toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 200) await store.getRepository(TenantUser).insert(rows.slice(i, i + 200));
  const licenses = users.flatMap((u) =>
    u.licenses.map((l) => ({
      userId: u.id,
      skuId: l.skuId,
      assignedByGroup: l.assignedByGroup,
      disabledPlans: [],
      state: 'Active',
      error: null,
      lastUpdatedDateTime: null,
      lastSeenRunId: null,
    })),
  );
  for (let i = 0; i < licenses.length; i += 300)
    await store.getRepository(UserLicense).insert(licenses.slice(i, i + 300));
  const members = users.flatMap((u) => u.groupIds.map((groupId) => ({ groupId, userId: u.id })));
  if (members.length) await store.getRepository(GroupMember).insert(members);
  for (let i = 0; i < apps.length; i += 300)
    await store
      .getRepository(AppActivity)
      .insert(apps.slice(i, i + 300).map((a) => ({ ...a, updatedAt: NOW.toISOString() })));
  // As the task runner does after a task.
  await invalidateUsageMasks(store.manager);
}

/** Completed roster and access runs, skipping what the tenant did not give. */
export async function recordRuns(
  store: DataSource,
  options: { signIns?: boolean; reports?: boolean; concealed?: boolean; at?: string } = {},
): Promise<void> {
  const at = options.at ?? ago(0.1);
  const run = (id: string, task: string, skipped: { part: string; reason: string; permission?: string }[]) => ({
    id,
    task,
    trigger: 'manual',
    startedAt: at,
    finishedAt: at,
    status: skipped.length ? 'partial' : 'succeeded',
    counts: {},
    skipped,
    error: null,
    instance: 'test',
  });
  const roster = [
    ...(options.signIns === false
      ? [
          {
            part: 'Sign in to M365 Domain (signInActivity)',
            reason: 'Permission AuditLog.Read.All is not granted.',
            permission: 'AuditLog.Read.All',
          },
        ]
      : []),
    ...(options.concealed
      ? [
          {
            part: 'matching concealed report rows to users',
            reason: 'The tenant conceals user names in usage reports.',
          },
        ]
      : []),
  ];
  const access =
    options.reports === false
      ? [
          {
            part: 'Exchange, Teams, OneDrive, Outlook, SharePoint, Skype for Business, Yammer (usage reports)',
            reason: 'Permission Reports.Read.All is not granted.',
            permission: 'Reports.Read.All',
          },
        ]
      : [];
  await store.getRepository(TaskRun).save([run(`r-${at}`, 'roster', roster), run(`a-${at}`, 'access', access)]);
  await invalidateUsageMasks(store.manager);
}

export async function addCost(store: DataSource, skuId: string, cost: Partial<LicenseCost>): Promise<void> {
  await store.getRepository(LicenseCost).save({
    skuId,
    cost: '10',
    currency: 'USD',
    paymentFrequency: 'monthly',
    effectiveDate: null,
    expirationDate: null,
    source: 'admin',
    updatedAt: NOW.toISOString(),
    ...cost,
  });
}
