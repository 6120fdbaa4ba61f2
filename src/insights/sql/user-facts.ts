import type { DataSource } from 'typeorm';
import { activityAsOfSql, type AppActivity, type TenantUser } from '../../store';

/** The columns of a user the finding rules read, plus licenses and group memberships. */
export type UserRow = Pick<
  TenantUser,
  | 'id'
  | 'userPrincipalName'
  | 'displayName'
  | 'userType'
  | 'accountEnabled'
  | 'createdDateTime'
  | 'deactivatedDate'
  | 'mfaRegistered'
  | 'onPremisesSyncEnabled'
  | 'mailboxType'
  | 'lastSuccessfulSignInDateTime'
  | 'lastNonInteractiveSignInDateTime'
  | 'lastSignInDateTime'
  | 'lastActivityDate'
  | 'lastUsedApp'
>;

/** The other Users-tab columns (docs/product-rules.md R24), read for whole-user views (the Users tab, `user <upn>`). */
export type UsersTabRow = Pick<
  TenantUser,
  | 'mail'
  | 'givenName'
  | 'surname'
  | 'jobTitle'
  | 'country'
  | 'activeDate'
  | 'activations'
  | 'mailUsageMb'
  | 'oneDriveUsageMb'
  | 'usesWindows'
  | 'usesMac'
  | 'usesMobile'
  | 'usesWeb'
>;

export interface UserFacts extends UserRow {
  /** Every assignment row (a SKU may appear direct and once per group). */
  licenses: { skuId: string; assignedByGroup: string }[];
  /** Groups the product tracks membership of (exclusion groups). */
  groupIds: string[];
}

export interface UserDetail {
  facts: UserFacts;
  apps: Pick<AppActivity, 'app' | 'lastActivityDate' | 'source' | 'asOf'>[];
  /** Present when asked for (`tab`). */
  tab?: UsersTabRow;
}

/** Which users a whole-tenant read returns: those in the directory, those it no longer lists, or both. */
export type UserStatus = 'active' | 'deactivated' | 'all';

export interface LoadOptions {
  /** Per-app activity. Default true. */
  apps?: boolean;
  /** The Users-tab columns besides the rules' own. Default false. */
  tab?: boolean;
}

const TAB_COLUMNS: readonly (keyof UsersTabRow)[] = [
  'mail',
  'givenName',
  'surname',
  'jobTitle',
  'country',
  'activeDate',
  'activations',
  'mailUsageMb',
  'oneDriveUsageMb',
  'usesWindows',
  'usesMac',
  'usesMobile',
  'usesWeb',
];

export const USER_ROW_COLUMNS: readonly (keyof UserRow)[] = [
  'id',
  'userPrincipalName',
  'displayName',
  'userType',
  'accountEnabled',
  'createdDateTime',
  'deactivatedDate',
  'mfaRegistered',
  'onPremisesSyncEnabled',
  'mailboxType',
  'lastSuccessfulSignInDateTime',
  'lastNonInteractiveSignInDateTime',
  'lastSignInDateTime',
  'lastActivityDate',
  'lastUsedApp',
];

/** Loads facts and per-app activity for the given users (at most ~1,000 per call), in the order given. */
export async function loadUserDetails(
  store: DataSource,
  ids: readonly string[],
  options: LoadOptions = {},
): Promise<UserDetail[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const details = await load(
    store,
    (alias, column) => `"${alias}"."${column}" IN (:...ids)`,
    { ids: list },
    options,
    'all',
  );
  const byId = new Map(details.map((d) => [d.facts.id, d]));
  return list.map((id) => byId.get(id)).filter((d): d is UserDetail => d !== undefined);
}

/**
 * The next `limit` live users after `afterId` in id order, with their details: keyset paging for
 * full exports, the related tables read as one index range each instead of a list of ids.
 */
export async function loadUserDetailsAfter(
  store: DataSource,
  afterId: string,
  limit: number,
  options: LoadOptions & { status?: UserStatus } = {},
): Promise<{ details: UserDetail[]; lastId: string | null }> {
  const users = await raw(
    store,
    `SELECT ${columns('u', userColumns(options))} FROM "users" "u" WHERE "u"."id" > :after ORDER BY "u"."id" LIMIT ${Math.trunc(limit)}`,
    { after: afterId },
  );
  if (users.length === 0) return { details: [], lastId: null };
  // Users of the other status are dropped in memory, not in SQL, so the last id read still bounds the next page.
  const range = { after: afterId, last: users[users.length - 1]!.id };
  const details = await related(
    store,
    users,
    (alias) => `"${alias}"."userId" > :after AND "${alias}"."userId" <= :last`,
    range,
    options,
    options.status ?? 'active',
  );
  return { details, lastId: range.last as string };
}

const bool = (v: unknown): boolean | null =>
  v === null || v === undefined ? null : v === true || v === 1 || v === '1' || v === 't';
const columns = (alias: string, names: readonly string[]) => names.map((c) => `"${alias}"."${c}" AS "${c}"`).join(', ');

/** Runs SQL with named parameters through the driver's own escaping (portable, no entity hydration). */
async function raw(
  store: DataSource,
  sql: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const [text, values] = store.driver.escapeQueryWithParameters(sql, params, {});
  return (await store.query(text, values)) as Record<string, unknown>[];
}

const userColumns = (options: LoadOptions): readonly string[] =>
  options.tab ? [...USER_ROW_COLUMNS, ...TAB_COLUMNS] : USER_ROW_COLUMNS;

async function load(
  store: DataSource,
  where: (alias: string, column: string) => string,
  params: Record<string, unknown>,
  options: LoadOptions,
  status: UserStatus,
): Promise<UserDetail[]> {
  const users = await raw(
    store,
    `SELECT ${columns('u', userColumns(options))} FROM "users" "u" WHERE ${where('u', 'id')}`,
    params,
  );
  return related(store, users, (alias) => where(alias, 'userId'), params, options, status);
}

/** Licenses, memberships and per-app activity of the given user rows, joined in memory (~40 µs a user saved on exports). */
async function related(
  store: DataSource,
  users: Record<string, unknown>[],
  where: (alias: string) => string,
  params: Record<string, unknown>,
  options: LoadOptions,
  status: UserStatus,
): Promise<UserDetail[]> {
  const withApps = options.apps ?? true;
  const [licenses, groups, apps] = await Promise.all([
    raw(
      store,
      `SELECT ${columns('l', ['userId', 'skuId', 'assignedByGroup'])} FROM "user_licenses" "l" WHERE ${where('l')}`,
      params,
    ),
    raw(store, `SELECT ${columns('g', ['userId', 'groupId'])} FROM "group_members" "g" WHERE ${where('g')}`, params),
    withApps
      ? raw(
          store,
          `SELECT ${columns('a', ['userId', 'app', 'lastActivityDate', 'source'])}, ${activityAsOfSql('a')} AS "asOf" FROM "app_activity" "a" WHERE ${where('a')}`,
          params,
        )
      : Promise.resolve([]),
  ]);
  const byId = new Map<string, UserDetail>();
  const out: UserDetail[] = [];
  for (const r of users) {
    const gone = r.deactivatedDate !== null && r.deactivatedDate !== undefined;
    if ((status === 'active' && gone) || (status === 'deactivated' && !gone)) continue;
    const facts = {
      ...(r as unknown as UserRow),
      accountEnabled: bool(r.accountEnabled) === true,
      mfaRegistered: bool(r.mfaRegistered),
      onPremisesSyncEnabled: bool(r.onPremisesSyncEnabled),
      licenses: [],
      groupIds: [],
    } as UserFacts;
    const detail: UserDetail = { facts, apps: [] };
    if (options.tab) {
      const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      detail.tab = {
        mail: r.mail as string | null,
        givenName: r.givenName as string | null,
        surname: r.surname as string | null,
        jobTitle: r.jobTitle as string | null,
        country: r.country as string | null,
        activeDate: r.activeDate as string,
        activations: r.activations as string | null,
        mailUsageMb: number(r.mailUsageMb),
        oneDriveUsageMb: number(r.oneDriveUsageMb),
        usesWindows: bool(r.usesWindows),
        usesMac: bool(r.usesMac),
        usesMobile: bool(r.usesMobile),
        usesWeb: bool(r.usesWeb),
      };
    }
    byId.set(facts.id, detail);
    out.push(detail);
  }
  for (const l of licenses)
    byId
      .get(l.userId as string)
      ?.facts.licenses.push({ skuId: l.skuId as string, assignedByGroup: l.assignedByGroup as string });
  for (const g of groups) byId.get(g.userId as string)?.facts.groupIds.push(g.groupId as string);
  for (const a of apps)
    byId.get(a.userId as string)?.apps.push({
      app: a.app as string,
      lastActivityDate: a.lastActivityDate as string | null,
      source: a.source as string,
      asOf: a.asOf as string | null,
    });
  return out;
}
